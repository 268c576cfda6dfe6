package main

import (
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// junitSchema is the JUnit XML shape CI servers read, written for these specs.
const junitSchema = "testdata/junit.xsd"

// xmllint checks file against the schema with xmllint (Debian's libxml2-utils) and returns its
// output and whether the file is valid. Without xmllint the spec fails under CI and is skipped
// otherwise, saying how to install it.
func xmllint(file string) (string, bool) {
	path, err := exec.LookPath("xmllint")
	if err != nil {
		msg := "xmllint is not installed: apt-get install -y libxml2-utils"
		if os.Getenv("CI") != "" {
			Fail(msg + " (CI is set, so the JUnit schema check may not be skipped)")
		}
		Skip(msg + " to check the JUnit report against " + junitSchema)
	}
	out, err := exec.Command(path, "--noout", "--schema", junitSchema, file).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		Fail("cannot run xmllint: " + err.Error())
	}
	return string(out), err == nil
}

// parsedJUnit is what the specs read back from a report.
type parsedJUnit struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Hostname string `xml:"hostname,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

var _ = Describe("the JUnit report", func() {
	const topic = "../../scenarios/library/triggers/"
	var (
		dir, file string
		raw       string
		doc       parsedJUnit
	)
	BeforeEach(func() {
		dir = GinkgoT().TempDir()
		file = filepath.Join(dir, "junit.xml")
		code, out, errOut := cli("run", "--junit", file, testdata, topic)
		Expect(code).To(Equal(2), out+errOut)
		data, err := os.ReadFile(file)
		Expect(err).NotTo(HaveOccurred())
		raw = string(data)
		doc = parsedJUnit{}
		Expect(xml.Unmarshal(data, &doc)).To(Succeed())
	})

	It("is valid against the JUnit schema CI servers use", func() {
		out, ok := xmllint(file)
		Expect(ok).To(BeTrue(), out)
		Expect(out).To(ContainSubstring("validates"))
	})

	It("has a schema check that can fail", func() {
		bad := filepath.Join(dir, "bad.xml")
		Expect(os.WriteFile(bad, []byte(strings.Replace(raw, ` classname="`, ` class="`, 1)), 0o644)).To(Succeed())
		out, ok := xmllint(bad)
		Expect(ok).To(BeFalse(), "a testcase without classname must not validate")
		Expect(out).To(ContainSubstring("classname"))
	})

	It("has one testsuite per folder and one testcase per scenario, named by its name, classname its path", func() {
		Expect(doc.Suites).To(HaveLen(2))
		cliSuite, topicSuite := doc.Suites[0], doc.Suites[1]
		Expect(cliSuite.Name).To(Equal("../../scenarios/testdata/cli"))
		Expect(topicSuite.Name).To(Equal("../../scenarios/library/triggers"))
		Expect(cliSuite.Tests).To(Equal(3))
		Expect(cliSuite.Failures).To(Equal(1))
		Expect(cliSuite.Errors).To(Equal(1))
		Expect(cliSuite.Hostname).NotTo(BeEmpty())
		files, err := filepath.Glob(topic + "*.yaml")
		Expect(err).NotTo(HaveOccurred())
		Expect(topicSuite.Cases).To(HaveLen(len(files)))
		Expect(doc.Tests).To(Equal(3 + len(files)))

		pass := cliSuite.Cases[2]
		Expect(pass.Name).To(Equal("in-process task runs on a time zone change"))
		Expect(pass.Classname).To(Equal(testdata + "pass.yaml"))
		Expect(pass.Failure).To(BeNil())
		Expect(pass.Error).To(BeNil())
		Expect(cliSuite.Cases[0].Name).To(Equal("bad.yaml"), "a file that cannot be read has no name: its base name")
	})

	It("gives failures and errors as file:line:col and the trace in system-out", func() {
		cases := doc.Suites[0].Cases
		Expect(cases[0].Error).NotTo(BeNil())
		Expect(cases[0].Error.Message).To(HavePrefix(testdata + `bad.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang"`))
		Expect(cases[1].Failure).NotTo(BeNil())
		Expect(cases[1].Failure.Message).To(Equal(testdata + "fail.yaml:9:5: expected run InProc: want 2, got 1; run records for InProc:"))
		Expect(cases[1].Failure.Text).To(ContainSubstring("\n    +00:01:00.000 run       InProc task=1 instance=1"))
		for _, c := range cases[1:] {
			Expect(c.SystemOut).To(HavePrefix("+00:00:00.000 register  InProc task=1"))
			Expect(c.SystemOut).To(HaveSuffix("delivered InProc task=1 instance=1 result=ok\n"))
		}
		Expect(raw).To(ContainSubstring("\n+00:01:00.000 event     TimeZoneChange\n"), "newlines stay newlines")
	})

	It("shows none of Ginkgo's internals", func() {
		Expect(raw).NotTo(ContainSubstring("[It]"))
		Expect(raw).NotTo(ContainSubstring("<properties"))
		Expect(raw).NotTo(ContainSubstring("@ 01/01/01"))
		Expect(raw).NotTo(ContainSubstring("00:00:00 +0000"))
		Expect(raw).NotTo(MatchRegexp(`scenarios_testdata`))
	})

	It("keeps a bounded trace per testcase", func() {
		c := &capped{max: 10}
		_, _ = c.Write([]byte("0123456789abc"))
		Expect(c.String()).To(Equal("0123456789\n... 3 more bytes of the trace left out (bgsim trace FILE prints it all)\n"))
		c = &capped{max: 10}
		_, _ = c.Write([]byte("0123"))
		Expect(c.String()).To(Equal("0123"))
	})
})
