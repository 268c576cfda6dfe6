package bgsim_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// modelDoc is the project's account of the Windows background-task model. Code, scenarios and
// other documents cite it as docs/windows-model.md#<anchor>, where <anchor> is the GitHub slug of
// one of its headings.
const modelDoc = "docs/windows-model.md"

// docTextExts are the extensions of the files whose references into modelDoc are checked.
var docTextExts = []string{".go", ".md", ".yaml", ".yml", ".json"}

// modelDocRef matches a reference into modelDoc on one line: "docs/windows-model.md#<anchor>", or
// a relative "windows-model.md#<anchor>" link, followed by any further anchors of the same
// document written as ", #<anchor>", " and #<anchor>", " or #<anchor>" or " #<anchor>".
var modelDocRef = regexp.MustCompile(`windows-model\.md#([\p{L}\p{N}_-]+)((?:(?:,|[ \t]+and|[ \t]+or)?[ \t]+#[\p{L}\p{N}_-]+)*)`)

// moreAnchors picks the anchors out of the tail matched by modelDocRef's second group.
var moreAnchors = regexp.MustCompile(`#([\p{L}\p{N}_-]+)`)

// selfLink matches a Markdown link to a heading of the same document: "](#anchor)".
var selfLink = regexp.MustCompile(`\]\(#([^)\s]*)\)`)

// atxHeading matches a Markdown ATX heading line and captures its text.
var atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$`)

// docRef is one reference to an anchor of modelDoc, where it was found.
type docRef struct {
	File   string
	Line   int
	Anchor string
}

// headingSlug returns GitHub's anchor for a heading's text: lower case, every character that is
// not a letter, a digit, a space, a hyphen or an underscore dropped, spaces turned into hyphens.
func headingSlug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}

// headingSlugs returns the slug of every heading of a Markdown text, in order, leaving out lines
// inside fenced code blocks.
func headingSlugs(markdown string) []string {
	var slugs []string
	fence := ""
	for _, line := range strings.Split(markdown, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		if m := atxHeading.FindStringSubmatch(line); m != nil {
			slugs = append(slugs, headingSlug(m[1]))
		}
	}
	return slugs
}

// duplicateSlugs returns one message per slug that more than one heading of markdown has.
func duplicateSlugs(markdown string) []string {
	seen := map[string]int{}
	var dups []string
	for _, s := range headingSlugs(markdown) {
		seen[s]++
		if seen[s] == 2 {
			dups = append(dups, fmt.Sprintf("%s: two headings have the anchor #%s", modelDoc, s))
		}
	}
	return dups
}

// findDocRefs returns the references into modelDoc in the text of file, in order. In modelDoc
// itself, links to its own headings ("](#anchor)") count too.
func findDocRefs(file, text string) []docRef {
	var refs []docRef
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		for _, m := range modelDocRef.FindAllStringSubmatch(line, -1) {
			refs = append(refs, docRef{file, n, m[1]})
			for _, more := range moreAnchors.FindAllStringSubmatch(m[2], -1) {
				refs = append(refs, docRef{file, n, more[1]})
			}
		}
		if filepath.ToSlash(file) == modelDoc {
			for _, m := range selfLink.FindAllStringSubmatch(line, -1) {
				refs = append(refs, docRef{file, n, m[1]})
			}
		}
	}
	return refs
}

// badDocRefs returns one message, naming file:line, per reference whose anchor is not one of
// the slugs.
func badDocRefs(refs []docRef, slugs []string) []string {
	known := map[string]bool{}
	for _, s := range slugs {
		known[s] = true
	}
	var bad []string
	for _, r := range refs {
		if !known[r.Anchor] {
			bad = append(bad, fmt.Sprintf("%s:%d: #%s is not a heading of %s", r.File, r.Line, r.Anchor, modelDoc))
		}
	}
	return bad
}

// trackedTextFiles lists the repository's text files that may cite modelDoc: the files git
// knows (tracked, or new and not ignored), or, without git, every file under the current
// directory outside .git. Only the extensions of docTextExts are kept.
func trackedTextFiles() ([]string, error) {
	var all []string
	out, err := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z").Output()
	if err == nil {
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				all = append(all, f)
			}
		}
	} else {
		err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == ".git" {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				all = append(all, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("cannot list the repository's files: %w", err)
		}
	}
	var files []string
	for _, f := range all {
		for _, ext := range docTextExts {
			if strings.HasSuffix(f, ext) {
				files = append(files, f)
				break
			}
		}
	}
	return files, nil
}

var _ = Describe("docs/windows-model.md", func() {
	var doc string

	BeforeEach(func() {
		b, err := os.ReadFile(modelDoc)
		Expect(err).NotTo(HaveOccurred())
		doc = string(b)
	})

	It("has a distinct anchor for every heading", func() {
		slugs := headingSlugs(doc)
		Expect(len(slugs)).To(BeNumerically(">", 10), "too few headings found in %s", modelDoc)
		dups := duplicateSlugs(doc)
		Expect(dups).To(BeEmpty(), strings.Join(dups, "\n"))
	})

	It("has a heading for every reference to it in the repository's text files", func() {
		files, err := trackedTextFiles()
		Expect(err).NotTo(HaveOccurred())
		Expect(files).To(ContainElement(modelDoc), "the file list does not hold %s", modelDoc)
		var refs []docRef
		for _, f := range files {
			b, err := os.ReadFile(f)
			if os.IsNotExist(err) {
				continue // deleted in the work tree, still in the index
			}
			Expect(err).NotTo(HaveOccurred())
			refs = append(refs, findDocRefs(f, string(b))...)
		}
		Expect(refs).NotTo(BeEmpty(), "no reference to %s found: is the scan looking at the right files?", modelDoc)
		bad := badDocRefs(refs, headingSlugs(doc))
		Expect(bad).To(BeEmpty(), strings.Join(bad, "\n"))
	})

	It("is what the project cites for its rules: no text file cites a rule list users cannot see", func() {
		files, err := trackedTextFiles()
		Expect(err).NotTo(HaveOccurred())
		var bad []string
		for _, f := range files {
			b, err := os.ReadFile(f)
			if os.IsNotExist(err) {
				continue
			}
			Expect(err).NotTo(HaveOccurred())
			bad = append(bad, externalCitations(f, string(b))...)
		}
		Expect(bad).To(BeEmpty(), strings.Join(bad, "\n"))
	})

	Describe("the checker", func() {
		It("finds a citation of a design note that is not in the repository", func() {
			Expect(externalCitations("x.go", "// the format ("+"design"+"/scenario-format.md)\n// design notes\n")).To(Equal([]string{
				"x.go:1: cites design" + "/scenario-format.md, which is not in the repository; point to the project's own documentation instead",
			}))
		})

		It("finds a citation of the external rule list by section sign or by name", func() {
			Expect(externalCitations("x.go", "// ok\n// see "+"spec "+"\u00a72.1\n// "+"windows-background"+"-model.md\n")).To(Equal([]string{
				"x.go:2: cites a rule list outside the repository; cite a heading of docs/windows-model.md instead",
				"x.go:3: cites a rule list outside the repository; cite a heading of docs/windows-model.md instead",
			}))
		})

		It("makes GitHub's anchors", func() {
			Expect(headingSlug("Battery Saver")).To(Equal("battery-saver"))
			Expect(headingSlug("In-process and out-of-process tasks")).To(Equal("in-process-and-out-of-process-tasks"))
			Expect(headingSlug("Task (in `BackgroundTasks`), v2.1")).To(Equal("task-in-backgroundtasks-v21"))
			Expect(headingSlugs("# A\n```\n## Not a heading\n```\n### B b ##\n#no\n")).To(Equal([]string{"a", "b-b"}))
		})

		It("names file:line for an anchor that is not a heading, in every form a reference takes", func() {
			// Built from pieces, so that this file holds no reference of its own.
			const doc = "windows-model.md"
			text := "package x\n" +
				"// See docs/" + doc + "#battery-saver and docs/" + doc + "#no-such-rule.\n" +
				"// (docs/" + doc + "#battery-saver, #made-up) and [x](../docs/" + doc + "#idle-watchdog)\n"
			refs := findDocRefs("x.go", text)
			Expect(refs).To(Equal([]docRef{
				{"x.go", 2, "battery-saver"}, {"x.go", 2, "no-such-rule"},
				{"x.go", 3, "battery-saver"}, {"x.go", 3, "made-up"}, {"x.go", 3, "idle-watchdog"},
			}))
			Expect(badDocRefs(refs, []string{"battery-saver", "idle-watchdog"})).To(Equal([]string{
				"x.go:2: #no-such-rule is not a heading of docs/windows-model.md",
				"x.go:3: #made-up is not a heading of docs/windows-model.md",
			}))
		})

		It("checks the document's own links", func() {
			refs := findDocRefs(modelDoc, "## Battery Saver\nSee [it](#battery-saver) and [that](#gone).\n")
			Expect(badDocRefs(refs, headingSlugs("## Battery Saver\n"))).To(Equal([]string{
				"docs/windows-model.md:2: #gone is not a heading of docs/windows-model.md",
			}))
		})

		It("reports two headings with the same anchor", func() {
			Expect(duplicateSlugs("## Limits\n### Battery saver\n## Battery Saver\n")).To(Equal([]string{
				"docs/windows-model.md: two headings have the anchor #battery-saver",
			}))
		})
	})
})

// externalCitations returns file:line for every line of text that cites a rule list outside the
// repository (a section sign, or that document's name), which a user cannot follow. The
// patterns are built from pieces so that this file does not match itself.
func externalCitations(file, text string) []string {
	sign := "\u00a7"
	name := "windows-background" + "-model.md"
	var notes []string
	for _, n := range []string{"scenario-format", "architecture", "style", "libraries", "goroutine-tasks"} {
		notes = append(notes, "design"+"/"+n+".md")
	}
	var out []string
	for i, line := range strings.Split(text, "\n") {
		if strings.Contains(line, sign) || strings.Contains(line, name) {
			out = append(out, fmt.Sprintf("%s:%d: cites a rule list outside the repository; cite a heading of docs/windows-model.md instead", file, i+1))
			continue
		}
		for _, n := range notes {
			if strings.Contains(line, n) {
				out = append(out, fmt.Sprintf("%s:%d: cites %s, which is not in the repository; point to the project's own documentation instead", file, i+1, n))
				break
			}
		}
	}
	return out
}
