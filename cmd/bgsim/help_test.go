package main

import (
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("help", func() {
	// flagsOf returns every flag a command defines, spelled as the help spells it.
	flagsOf := func(command string) []string {
		var names []string
		// The help lists the flags from the command's own FlagSet; read them back from -h.
		_, out, _ := cli(command, "-h")
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "  -") {
				names = append(names, strings.Fields(l)[0])
			}
		}
		return names
	}

	for _, command := range commands {
		It("prints the help of "+command+" for -h, --help, -help and bgsim help "+command+", with exit 0", func() {
			code, want, errOut := cli("help", command)
			Expect(code).To(Equal(0), errOut)
			Expect(errOut).To(BeEmpty())
			Expect(want).To(HavePrefix("Usage: bgsim " + command))
			if command == "help" {
				return // "bgsim help -h" is the overview
			}
			Expect(want).To(ContainSubstring("Flags"))
			for _, h := range []string{"-h", "--help", "-help"} {
				code, out, errOut := cli(command, h)
				Expect(code).To(Equal(0), "%s %s: %s", command, h, errOut)
				Expect(out).To(Equal(want), "%s %s", command, h)
			}
		})
	}

	DescribeTable("lists every flag of the command",
		func(command string, want ...string) {
			Expect(flagsOf(command)).To(Equal(want))
		},
		Entry("run", "run", "--coverage", "--force", "--html", "-j", "--json", "--junit", "--seed", "--shard", "--update", "-h,"),
		Entry("validate", "validate", "--json", "-h,"),
		Entry("trace", "trace", "--format", "--json", "--seed", "-h,"),
		Entry("report", "report", "--html", "--seed", "-h,"),
		Entry("explore", "explore", "--coverage", "-j", "--json", "--out", "--runs", "--seed", "--shard", "-h,"),
		Entry("coverage", "coverage", "--json", "-h,"),
	)

	It("names what each flag takes, never Go's type, and lines up the descriptions", func() {
		goType := regexp.MustCompile(`^  -{1,2}\S+ (string|int|int64|uint|uint64|float|duration|value)  `)
		for _, command := range commands {
			if command == "help" {
				continue
			}
			_, out, _ := cli(command, "-h")
			_, flags, ok := strings.Cut(out, "\nFlags:\n")
			if !ok {
				continue // "Flags: none"
			}
			column := -1
			for _, l := range strings.Split(strings.TrimSuffix(flags, "\n"), "\n") {
				Expect(l).NotTo(MatchRegexp(goType.String()), command)
				// The description starts after the widest left column and two spaces.
				i := strings.Index(l[2:], "  ") + 2
				for i < len(l) && l[i] == ' ' {
					i++
				}
				if column < 0 {
					column = i
				}
				Expect(i).To(Equal(column), "%s: %q", command, l)
			}
		}
		_, out, _ := cli("explore", "-h")
		for _, f := range []string{"--coverage FILE.json", "-j N", "--out DIR", "--runs N", "--seed S", "--shard i/n"} {
			Expect(out).To(ContainSubstring("\n  "+f+" "), f)
		}
	})

	It("says what a flag takes and its default", func() {
		_, out, _ := cli("help", "trace")
		Expect(out).To(ContainSubstring("--format FORMAT"))
		Expect(out).To(ContainSubstring("(default text)"))
		_, out, _ = cli("run", "--help")
		Expect(out).To(ContainSubstring("--junit FILE"))
		Expect(out).To(ContainSubstring("refused for a read-only file, a file edited during the replay, or one it cannot rewrite safely"))
	})

	DescribeTable("suggests the closest flag or command for a mistyped one, with exit 2",
		func(hint string, args ...string) {
			code, out, errOut := cli(args...)
			Expect(code).To(Equal(2))
			Expect(out).To(BeEmpty())
			Expect(errOut).To(ContainSubstring(hint))
		},
		Entry("a flag one letter off", `flag provided but not defined: -junt (did you mean --junit?)`, "run", "--junt", "x.yaml"),
		Entry("a flag in the wrong case", `(did you mean --seed?)`, "trace", "--Seed", "1", "x.yaml"),
		Entry("a one-letter flag", `(did you mean -j?)`, "run", "-k", "2", "x.yaml"),
		Entry("report's --html", `(did you mean --html?)`, "report", "--htm", "x.html", "x.yaml"),
		Entry("a command", `unknown command "tarce" (did you mean "trace"?)`, "tarce", "x.yaml"),
		Entry("help of a command", `unknown command "valdate" (did you mean "validate"?)`, "help", "valdate"),
		Entry("a format", `unknown --format "crome" (want text, json or chrome) (did you mean "chrome"?)`, "trace", "--format", "crome", "x.yaml"),
	)

	It("gives no hint when nothing is close", func() {
		_, _, errOut := cli("run", "--frobnicate", "x.yaml")
		Expect(errOut).To(ContainSubstring("flag provided but not defined: -frobnicate; run \"bgsim help run\""))
		Expect(errOut).NotTo(ContainSubstring("did you mean"))
	})

	It("documents PATH, the exit codes and Ctrl-C in the overview", func() {
		_, out, _ := cli("help")
		for _, line := range []string{
			"PATH is a scenario file or a folder, searched recursively for *.yaml and *.yml. The search\n" +
				"skips folders named testdata or starting with . or _",
			"\n  3  internal error, or output that cannot be written (a full disk, a closed pipe)\n",
			"\n  130 interrupted by Ctrl-C (a second Ctrl-C exits at once)\n",
			"refused for a read-only file, a file edited during the replay, or one",
			"--format text|json|chrome",
			"--html FILE",
		} {
			Expect(out).To(ContainSubstring(line))
		}
	})

	It("says which folders a folder walk skips, in the help of every command that walks one", func() {
		for _, command := range []string{"run", "validate", "report", "explore"} {
			_, out, _ := cli("help", command)
			Expect(out).To(ContainSubstring("skips folders named testdata or starting with . or _"), command)
		}
	})

	It("prints OK for a valid file under validate, not PASS", func() {
		code, out, _ := cli("validate", testdata+"pass.yaml", testdata+"fail.yaml")
		Expect(code).To(Equal(0))
		Expect(out).To(ContainSubstring("OK    " + testdata + "pass.yaml"))
		Expect(out).NotTo(ContainSubstring("PASS"))
		Expect(out).To(HaveSuffix("2 valid, 0 invalid\n"))
		code, out, _ = cli("validate", testdata+"bad.yaml")
		Expect(code).To(Equal(2))
		Expect(out).To(ContainSubstring("ERROR " + testdata + "bad.yaml"))
		Expect(out).To(HaveSuffix("0 valid, 1 invalid\n"))
	})
})
