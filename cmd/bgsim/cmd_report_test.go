package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// reportCLI runs "bgsim report" in-process and returns its exit code, stdout and stderr.
func reportCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"report"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

var _ = Describe("bgsim report", func() {
	var dir string
	BeforeEach(func() { dir = GinkgoT().TempDir() })

	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		Expect(err).NotTo(HaveOccurred())
		return string(data)
	}

	DescribeTable("writes the report and exits as run does",
		func(want int, summary string, paths ...string) {
			out := filepath.Join(dir, "r.html")
			code, stdout, stderr := reportCLI(append([]string{"--html", out}, paths...)...)
			Expect(code).To(Equal(want), stdout+stderr)
			Expect(stdout).To(Equal("wrote " + out + ": " + summary + "\n"))
			page := read("r.html")
			Expect(page).To(HavePrefix("<!DOCTYPE html>"))
			Expect(page).To(HaveSuffix("</html>\n"))
			Expect(stdout + stderr).NotTo(ContainSubstring("goroutine"))
		},
		Entry("0 when every scenario passes", 0, "1 passed, 0 failed", testdata+"pass.yaml"),
		Entry("1 when a scenario fails", 1, "1 passed, 1 failed", testdata+"pass.yaml", testdata+"fail.yaml"),
		Entry("2 on a file error, which the report shows", 2, "0 passed, 1 failed", testdata+"bad.yaml"),
		Entry("2 wins over 1", 2, "1 passed, 2 failed", testdata),
	)

	It("prints each failure as file:line:col and puts it in the report", func() {
		out := filepath.Join(dir, "r.html")
		_, _, stderr := reportCLI("--html", out, testdata+"bad.yaml")
		Expect(stderr).To(ContainSubstring(`bad.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang"`))
		Expect(read("r.html")).To(ContainSubstring(`unknown SystemTriggerType &#34;TimeZoneChang&#34;`))
	})

	It("writes the same bytes twice", func() {
		a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
		reportCLI("--html", a, testdata)
		reportCLI(testdata, "--html", b)
		Expect(read("a.html") == read("b.html")).To(BeTrue())
	})

	DescribeTable("bad usage exits 2 and writes nothing",
		func(msg string, args ...string) {
			code, _, stderr := reportCLI(args...)
			Expect(code).To(Equal(2))
			Expect(stderr).To(ContainSubstring(msg))
			entries, err := os.ReadDir(dir)
			Expect(err).NotTo(HaveOccurred())
			Expect(entries).To(BeEmpty())
		},
		Entry("no --html", "--html OUT.html is required", testdata+"pass.yaml"),
		Entry("no PATH", "no PATH given", "--html", "OUT"),
		Entry("an unknown flag", "flag provided but not defined", "--htm", "OUT", testdata+"pass.yaml"),
	)

	It("writes the page whatever the paths gave: a path it cannot read is on it, and exits 2", func() {
		out := filepath.Join(dir, "r.html")
		missing := filepath.Join(dir, "nope")
		code, stdout, stderr := reportCLI("--html", out, missing, testdata+"pass.yaml")
		Expect(code).To(Equal(exitUsage), stdout+stderr)
		Expect(stderr).To(Equal("bgsim report: cannot read " + missing + ": no such file or directory\n"))
		Expect(stdout).To(Equal("wrote " + out + ": 1 passed, 1 failed\n"))
		page := read("r.html")
		Expect(page).To(ContainSubstring("cannot read " + missing + ": no such file or directory"))
		Expect(page).To(ContainSubstring("pass.yaml"))
	})

	It("exits 3 when the report cannot be written, and leaves no temporary file", func() {
		code, _, stderr := reportCLI("--html", filepath.Join(dir, "no", "such", "dir.html"), testdata+"pass.yaml")
		Expect(code).To(Equal(3))
		Expect(stderr).To(HavePrefix("bgsim report: cannot write "))
		Expect(strings.Count(stderr, "\n")).To(Equal(1))
		Expect(os.ReadDir(dir)).To(BeEmpty())
	})

	It("writes through a symlink to the file it names, atomically there, and keeps the link", func() {
		Expect(os.WriteFile(filepath.Join(dir, "target.html"), []byte("old"), 0o644)).To(Succeed())
		Expect(os.Symlink("target.html", filepath.Join(dir, "link.html"))).To(Succeed())
		Expect(os.Mkdir(filepath.Join(dir, "sub"), 0o755)).To(Succeed())
		Expect(os.Symlink("sub/new.html", filepath.Join(dir, "dangling.html"))).To(Succeed())
		for _, args := range [][]string{
			{"report", "--html", filepath.Join(dir, "link.html")},
			{"run", "--html", filepath.Join(dir, "link.html")},
			{"report", "--html", filepath.Join(dir, "dangling.html")},
		} {
			code, out, errOut := cli(append(args, testdata+"pass.yaml")...)
			Expect(code).To(Equal(0), "%v: %s", args, out+errOut)
		}
		for link, target := range map[string]string{"link.html": "target.html", "dangling.html": "sub/new.html"} {
			to, err := os.Readlink(filepath.Join(dir, link))
			Expect(err).NotTo(HaveOccurred(), "%s is still a symlink", link)
			Expect(to).To(Equal(target))
			Expect(read(target)).To(HavePrefix("<!DOCTYPE html>"))
		}
		entries, err := os.ReadDir(dir)
		Expect(err).NotTo(HaveOccurred())
		Expect(entries).To(HaveLen(4), "no temporary file left")
	})

	It("writes into a FIFO rather than replacing it", func() {
		fifo := filepath.Join(dir, "pipe.html")
		Expect(syscall.Mkfifo(fifo, 0o644)).To(Succeed())
		// Read and write ends both open: opening does not wait, and reading sees no end of file.
		reader, err := os.OpenFile(fifo, os.O_RDWR, 0)
		Expect(err).NotTo(HaveOccurred())
		defer reader.Close()
		_ = reader.SetReadDeadline(time.Now().Add(20 * time.Second)) // never a hang
		for _, cmd := range []string{"report", "run"} {
			got := make(chan string, 1)
			go func() {
				var page []byte
				buf := make([]byte, 1<<16)
				for !bytes.HasSuffix(page, []byte("</html>\n")) {
					n, err := reader.Read(buf)
					page = append(page, buf[:n]...)
					if err != nil {
						break
					}
				}
				got <- string(page)
			}()
			code, out, errOut := cli(cmd, "--html", fifo, testdata+"pass.yaml")
			Expect(code).To(Equal(0), out+errOut)
			Expect(<-got).To(HavePrefix("<!DOCTYPE html>"), cmd)
			fi, err := os.Lstat(fifo)
			Expect(err).NotTo(HaveOccurred())
			Expect(fi.Mode()&os.ModeNamedPipe).NotTo(BeZero(), "still a FIFO")
		}
	})

	It("writes into a device rather than replacing it, and exits 3 when that fails", func() {
		// Through a symlink in the test's folder: were the device ever replaced, it would be
		// the link that is replaced, never /dev/full.
		fi, err := os.Stat("/dev/full")
		if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			Skip("no /dev/full character device")
		}
		link := filepath.Join(dir, "full.html")
		Expect(os.Symlink("/dev/full", link)).To(Succeed())
		for _, cmd := range []string{"report", "run"} {
			code, out, errOut := cli(cmd, "--html", link, testdata+"pass.yaml")
			Expect(code).To(Equal(exitInternal), out+errOut)
			Expect(errOut).To(ContainSubstring("cannot write"))
			Expect(errOut).To(ContainSubstring(link + ": no space left on device\n"))
			to, err := os.Readlink(link)
			Expect(err).NotTo(HaveOccurred(), "still a symlink")
			Expect(to).To(Equal("/dev/full"))
		}
		entries, err := os.ReadDir(dir)
		Expect(err).NotTo(HaveOccurred())
		Expect(entries).To(HaveLen(1), "no temporary file left")
	})

	It("is listed in the help", func() {
		var out bytes.Buffer
		Expect(run(context.Background(), []string{"help"}, &out, &out)).To(Equal(0))
		Expect(out.String()).To(ContainSubstring("bgsim report --html OUT PATH..."))
	})
})
