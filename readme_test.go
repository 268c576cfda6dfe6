package bgsim_test

import (
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// readmeImports maps the package names a README Go block may use to their import paths: a
// block is pasted into a file that imports what it uses, and nothing else.
var readmeImports = map[string]string{
	"context":   "context",
	"errors":    "errors",
	"fmt":       "fmt",
	"log":       "log",
	"synctest":  "testing/synctest",
	"testing":   "testing",
	"time":      "time",
	"harness":   "github.com/bgsim/bgsim/harness",
	"manifest":  "github.com/bgsim/bgsim/simulator/manifest",
	"manifests": "github.com/bgsim/bgsim/fixtures/manifests",
	"scenarios": "github.com/bgsim/bgsim/scenarios",
	"simulator": "github.com/bgsim/bgsim/simulator",
	"tasks":     "github.com/bgsim/bgsim/fixtures/tasks",
}

// dotImports are the packages Ginkgo specs import with a dot, and a name of each that a block
// using it calls.
var dotImports = []struct {
	path  string
	names *regexp.Regexp
}{
	{"github.com/onsi/ginkgo/v2", regexp.MustCompile(`\b(Describe|It|GinkgoRecover|BeforeEach|AfterEach)\(`)},
	{"github.com/onsi/gomega", regexp.MustCompile(`\b(Expect|Succeed|HaveOccurred)\(`)},
}

// goBlocks returns the ```go blocks of a Markdown text, in order.
func goBlocks(markdown string) []string {
	var blocks []string
	var cur []string
	in := false
	for _, line := range strings.Split(markdown, "\n") {
		switch {
		case !in && strings.TrimSpace(line) == "```go":
			in, cur = true, nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			blocks = append(blocks, strings.Join(cur, "\n")+"\n")
		case in:
			cur = append(cur, line)
		}
	}
	return blocks
}

// usedPackages returns the import paths of the known packages a block refers to as pkg.Name
// (comments and strings left out), sorted.
func usedPackages(src string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", fset.Base(), len(src)), []byte(src), nil, 0)
	seen := map[string]bool{}
	prev := ""
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.PERIOD && prev != "" {
			if path, ok := readmeImports[prev]; ok {
				seen[path] = true
			}
		}
		prev = ""
		if tok == token.IDENT {
			prev = lit
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// snippetFile turns README block n into a Go file of package readme: the block as it is when
// it is a list of declarations, else the body of a function; with the imports it uses.
func snippetFile(n int, block string) string {
	var imports []string
	for _, p := range usedPackages(block) {
		imports = append(imports, fmt.Sprintf("\t%q\n", p))
	}
	for _, d := range dotImports {
		if d.names.MatchString(block) {
			imports = append(imports, fmt.Sprintf("\t. %q\n", d.path))
		}
	}
	head := "package readme\n\nimport (\n" + strings.Join(imports, "") + ")\n\n"
	if _, err := parser.ParseFile(token.NewFileSet(), "", head+block, 0); err == nil {
		return head + block
	}
	return head + fmt.Sprintf("func snippet%d() {\n%s}\n", n, block)
}

var _ = Describe("the README's Go", func() {
	It("compiles as pasted: every ```go block builds, imports aside", func() {
		data, err := os.ReadFile("README.md")
		Expect(err).NotTo(HaveOccurred())
		blocks := goBlocks(string(data))
		Expect(len(blocks)).To(BeNumerically(">=", 2), "the README shows Go from the engine and from a Ginkgo spec")

		// Inside the module, so that its packages and dependencies resolve; the leading "_"
		// keeps the folder out of ./... patterns.
		dir, err := os.MkdirTemp(".", "_readme_snippets_")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(os.RemoveAll, dir)
		for i, b := range blocks {
			name := filepath.Join(dir, fmt.Sprintf("block%d.go", i+1))
			Expect(os.WriteFile(name, []byte(snippetFile(i+1, b)), 0o644)).To(Succeed())
		}
		out, err := exec.Command("go", "build", "./"+filepath.ToSlash(dir)).CombinedOutput()
		if err != nil {
			Fail(fmt.Sprintf("the README's Go does not compile as pasted (block N is the Nth ```go block): %v\n%s", err, out))
		}
	})

	It("reports a block that does not compile, so the check can fail", func() {
		dir, err := os.MkdirTemp(".", "_readme_snippets_")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(os.RemoveAll, dir)
		bad := "x, err := time.ParseDuration(\"1s\")\nfmt.Println(x)\n"
		Expect(os.WriteFile(filepath.Join(dir, "bad.go"), []byte(snippetFile(1, bad)), 0o644)).To(Succeed())
		out, err := exec.Command("go", "build", "./"+filepath.ToSlash(dir)).CombinedOutput()
		Expect(err).To(HaveOccurred())
		Expect(string(out)).To(ContainSubstring("declared and not used: err"))
	})

	It("imports only what a block uses, comments aside", func() {
		Expect(usedPackages("e.RunFor(time.Hour) // fmt.Print is not code\nx := simulator.New")).To(Equal(
			[]string{"github.com/bgsim/bgsim/simulator", "time"}))
	})
})
