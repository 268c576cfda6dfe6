package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("bgsim run --shard and --coverage", func() {
	const lib = "../../scenarios/library"
	passed := regexp.MustCompile(`(?m)^(\d+) passed, 0 failed$`)
	count := func(out string) int {
		m := passed.FindStringSubmatch(out)
		Expect(m).NotTo(BeNil(), out)
		n, err := strconv.Atoi(m[1])
		Expect(err).NotTo(HaveOccurred())
		return n
	}

	It("splits the files into disjoint shards that add up to the whole run", func() {
		code, all, errOut := cli("run", lib)
		Expect(code).To(Equal(0), errOut)
		total := 0
		for _, s := range []string{"1/3", "2/3", "3/3"} {
			code, out, errOut := cli("run", "--shard", s, lib)
			Expect(code).To(Equal(0), errOut)
			n := count(out)
			Expect(n).To(BeNumerically(">", 0), "shard %s ran nothing", s)
			total += n
		}
		Expect(total).To(Equal(count(all)))
	})

	DescribeTable("refuses a shard that does not exist, with exit 2",
		func(shard string) {
			code, _, errOut := cli("run", "--shard", shard, lib)
			Expect(code).To(Equal(2))
			Expect(errOut).To(ContainSubstring("--shard"))
		},
		Entry("i above n", "3/2"),
		Entry("zero", "0/2"),
		Entry("not a fraction", "two"),
	)

	It("writes the rule coverage of the files it ran, which bgsim coverage reads", func() {
		cov := filepath.Join(GinkgoT().TempDir(), "cov.json")
		code, _, errOut := cli("run", "--coverage", cov, lib+"/quickstart")
		Expect(code).To(Equal(0), errOut)
		data, err := os.ReadFile(cov)
		Expect(err).NotTo(HaveOccurred())
		Expect(data).NotTo(BeEmpty())
		code, out, errOut := cli("coverage", cov)
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(MatchRegexp(`\d+ of \d+ rule points hit`))
	})

	It("refuses a coverage file in a folder that does not exist before running anything, in run and explore", func() {
		missing := filepath.Join(GinkgoT().TempDir(), "no-such-folder", "cov.json")
		for _, cmd := range []string{"run", "explore"} {
			code, out, errOut := cli(cmd, "--coverage", missing, lib+"/explore")
			Expect(code).To(Equal(2), cmd)
			Expect(errOut).To(ContainSubstring("cannot write coverage to " + missing + ": its folder "))
			Expect(out).To(BeEmpty(), "%s ran nothing", cmd)
		}
	})
})
