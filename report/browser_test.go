package report_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/simulator"
)

// labelWidth is the width of the label column in px, as the page draws it.
const labelWidth = 240

// findBrowser returns the path of a Chromium or Chrome binary, or "".
func findBrowser() string {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifacts is the folder CI keeps: $BGSIM_ARTIFACTS, relative to the repository root, or
// .ci/artifacts.
func artifacts() string {
	dir := os.Getenv("BGSIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(".ci", "artifacts")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir) // the tests run in report/
	}
	return dir
}

// console collects the page's console errors, uncaught exceptions and browser log errors.
type console struct {
	mu   sync.Mutex
	errs []string
}

func (c *console) listen(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			c.errs = append(c.errs, fmt.Sprintf("console.%s: %v", ev.Type, ev.Args))
		}
	case *runtime.EventExceptionThrown:
		c.errs = append(c.errs, fmt.Sprintf("exception: %s", exceptionText(ev.ExceptionDetails)))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			c.errs = append(c.errs, fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

func (c *console) errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errs...)
}

// The report opened in a real headless Chromium, from a file:// URL.
var _ = Describe("HTML in a browser", Ordered, func() {
	var (
		ctx   context.Context
		items []report.Scenario
		con   = &console{}
	)

	BeforeAll(func() {
		browser := findBrowser()
		if browser == "" {
			if os.Getenv("CI") != "" {
				Fail("no Chromium found, and CI is set: install it (apt-get install -y chromium) so that the report is tested in a browser")
			}
			Skip("no Chromium found: install it with `apt-get update && apt-get install -y chromium` to test the HTML report in a browser")
		}
		items = append([]report.Scenario{replayOne(mustParse(failingDoc))}, replayed(sample...)...)
		items = append(items, replayed("scenarios/library/access/update_task.yaml")...)
		items = append(items, longNamed())
		items = append(items, replayOne(mustParse(strings.Replace(failingDoc, "name: fails", "name: fails at the end", 1)+"  - run: Work\n    at: 2h\n")))
		items = append(items, report.FromError("bad.yaml", errors.New(`bad.yaml:3:1: unknown key "nmae"`)))
		for i := range 10 { // enough for two columns of the index, numbered up to 13
			f := fmt.Sprintf("scenarios/a/rather/long/path/to/a_file_number_%d_whose_name_runs_past_the_edge_of_its_column.yaml", i)
			items = append(items, report.FromError(f, errors.New(f+":1:1: cannot read it")))
		}
		dir := GinkgoT().TempDir()
		page := filepath.Join(dir, "report.html")
		f, err := os.Create(page)
		Expect(err).NotTo(HaveOccurred())
		Expect(report.HTML(f, items)).To(Succeed())
		Expect(f.Close()).To(Succeed())

		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(browser),
			chromedp.Flag("headless", true),
			chromedp.Flag("no-sandbox", true),
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.UserDataDir(filepath.Join(dir, "profile")),
			chromedp.WindowSize(1400, 1000),
		)
		DeferCleanup(cancelAlloc)
		var cancel context.CancelFunc
		ctx, cancel = chromedp.NewContext(alloc)
		DeferCleanup(cancel)
		Expect(chromedp.Listen(ctx, con.listen)).To(Succeed(), "start %s", browser)
		u := url.URL{Scheme: "file", Path: page}
		step, stop := context.WithTimeout(ctx, 20*time.Second)
		defer stop()
		Expect(chromedp.Do(step, chromedp.Navigate(u.String()), chromedp.WaitVisible("section.scenario svg.plot .axis text"))).To(Succeed())
	})

	It("draws one bar per run record, each with its hooks", func() {
		n := evalAs[int](ctx, `document.querySelectorAll("rect.bar[data-task][data-instance][data-outcome]").length`)
		Expect(n).To(Equal(runs(items)))
		outcomes := evalAs[[]string](ctx, `Array.from(new Set(Array.from(document.querySelectorAll("rect.bar")).map(b => b.dataset.outcome))).sort()`)
		Expect(outcomes).To(Equal([]string{"canceled", "completed", "terminated"}))
	})

	It("shows a bar's trace lines when the mouse is over it", func() {
		// the widest bar, hovered at a quarter of its width, where no mark covers it
		bar := evalAs[struct {
			Task, Instance string
			X, Y           float64
		}](ctx, `(() => {
			const bars = Array.from(document.querySelectorAll("rect.bar"));
			const b = bars.reduce((a, c) => c.getBoundingClientRect().width > a.getBoundingClientRect().width ? c : a);
			b.scrollIntoView({block: "center"});
			const r = b.getBoundingClientRect();
			return {Task: b.dataset.task, Instance: b.dataset.instance, X: r.x + r.width / 4, Y: r.y + r.height / 2};
		})()`)
		var want string
		for _, s := range items {
			for _, r := range s.Records {
				if r.Kind == simulator.KindRun && r.Task == bar.Task && fmt.Sprint(r.Instance) == bar.Instance {
					want = r.String()
				}
			}
		}
		Expect(want).NotTo(BeEmpty())
		box := []float64{bar.X, bar.Y}
		Expect(box).To(HaveLen(2))
		Expect(chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0], box[1]))).To(Succeed())
		tip := evalAs[struct {
			Hidden bool
			Text   string
		}](ctx, `(() => { const t = document.getElementById("tip"); return {Hidden: t.hidden, Text: t.textContent}; })()`)
		Expect(tip.Hidden).To(BeFalse())
		Expect(strings.Split(tip.Text, "\n")).To(ContainElement(want))
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		Expect(err).NotTo(HaveOccurred())
		saveArtifact("report-hover.png", png)
	})

	It("zooms to the range dragged across the timeline", func() {
		before := evalAs[string](ctx, `document.querySelector("section.scenario .range").textContent`)
		box := evalAs[[]float64](ctx, `(() => { const p = document.querySelector("section.scenario svg.plot"); p.scrollIntoView({block: "center"});
			const r = p.getBoundingClientRect(); return [r.x, r.y + 30, r.width]; })()`)
		y := box[1]
		Expect(chromedp.Do(ctx,
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, box[0]+box[2]*0.2, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0]+box[2]*0.3, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, box[0]+box[2]*0.4, y, chromedp.ButtonLeft),
		)).To(Succeed())
		after := evalAs[string](ctx, `document.querySelector("section.scenario .range").textContent`)
		Expect(after).NotTo(Equal(before))
		Expect(before).To(HavePrefix("+00:00:00.000 – "))
		Expect(after).NotTo(HavePrefix("+00:00:00.000 – "))
		Expect(chromedp.Do(ctx, chromedp.Click("section.scenario .zoom-fit"))).To(Succeed())
		after = evalAs[string](ctx, `document.querySelector("section.scenario .range").textContent`)
		Expect(after).To(Equal(before))
		Expect(chromedp.Do(ctx, chromedp.Click("section.scenario .zoom-reset"))).To(Succeed())
		after = evalAs[string](ctx, `document.querySelector("section.scenario .range").textContent`)
		Expect(after).To(Equal("+00:00:00.000 – " + simulator.FormatOffset(items[0].End)))
		Expect(chromedp.Do(ctx, chromedp.Click("section.scenario .zoom-fit"))).To(Succeed()) // for the screenshot
	})

	It("keeps marks of one instant apart, each visible, and bars wide enough to see", func() {
		got := evalAs[struct {
			Apart, Width float64
			Seen         []string
		}](ctx, `(() => {
			const marks = Array.from(document.querySelectorAll('path.mk[data-t0="75000000"]'));
			const term = marks.find(m => m.dataset.lines.includes(" terminated "));
			const deliv = marks.find(m => m.dataset.lines.includes(" delivered "));
			term.scrollIntoView({block: "center"});
			const a = term.getBoundingClientRect(), b = deliv.getBoundingClientRect();
			const hit = r => { const e = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
				return e === term ? "terminated" : e === deliv ? "delivered" : String(e && e.outerHTML).slice(0, 80); };
			const bar = document.querySelector('rect.bar[data-task="Tasks.UpdateTask"]');
			return {Apart: (b.left + b.right) / 2 - (a.left + a.right) / 2, Width: bar.getBoundingClientRect().width,
				Seen: [hit(a), hit(b)]};
		})()`)
		Expect(got.Apart).To(BeNumerically(">=", 6), "the delivery is drawn beside the termination")
		Expect(got.Seen).To(Equal([]string{"terminated", "delivered"}), "the mouse finds each at its centre")
		Expect(got.Width).To(BeNumerically(">=", 5), "the update task ran no time")
	})

	It("fits every lane label in the label column", func() {
		labels := evalAs[[]struct {
			Text  string
			Right float64
		}](ctx, `Array.from(document.querySelectorAll("svg.chart g.label text")).map(t => ({Text: t.textContent, Right: t.getBBox().x + t.getComputedTextLength()}))`)
		Expect(len(labels)).To(BeNumerically(">", 20))
		cut := 0
		for _, l := range labels {
			Expect(l.Right).To(BeNumerically("<=", float64(labelWidth-2)), l.Text)
			if strings.HasSuffix(l.Text, "…") {
				cut++
			}
		}
		Expect(cut).To(Equal(3), "the long names of the long-names scenario")
	})

	It("draws marks at the start and at the end of the run whole", func() {
		got := evalAs[struct {
			Start, End int
			Clipped    []string
		}](ctx, `(() => {
			const sec = Array.from(document.querySelectorAll("section.scenario")).find(s => s.querySelector("h2").textContent.includes("fails at the end"));
			sec.querySelector(".zoom-reset").click();
			const out = {Start: 0, End: 0, Clipped: []};
			document.querySelectorAll("section.scenario[data-end]").forEach(s => {
				if (!s.dataset.end) { return; } // could not run
				const w = s.querySelector("svg.plot").width.baseVal.value;
				s.querySelectorAll("path.mk").forEach(m => {
					// the box in the plot's space, which getBoundingClientRect would give clipped
					const t = m.dataset.t0, b = m.getBBox(), x = m.transform.baseVal.consolidate().matrix.e;
					if (t === "0") { out.Start++; } else if (t === s.dataset.end) { out.End++; } else { return; }
					if (x + b.x < 0 || x + b.x + b.width > w) { out.Clipped.push(m.dataset.lines.split("\n")[0]); }
				});
			});
			sec.querySelector(".zoom-fit").click();
			return out;
		})()`)
		Expect(got.Start).To(BeNumerically(">", 5))
		Expect(got.End).To(BeNumerically(">=", 1))
		Expect(got.Clipped).To(BeEmpty())
	})

	It("shows the same range around a failure however often its button is clicked, and from any view", func() {
		ranges := evalAs[[]string](ctx, `(() => {
			const sec = document.querySelector("section.scenario"), b = sec.querySelector("button.goto"), r = () => sec.querySelector(".range").textContent;
			const out = [b.textContent];
			b.click(); out.push(r());
			b.click(); out.push(r());
			sec.querySelector(".zoom-in").click(); sec.querySelector(".zoom-in").click();
			b.click(); out.push(r());
			sec.querySelector(".zoom-reset").click();
			b.click(); out.push(r());
			sec.querySelector(".zoom-fit").click();
			return out;
		})()`)
		Expect(ranges[0]).To(Equal("at +00:03:00.000"))
		Expect(ranges[1]).To(Equal("+00:02:38.000 – +00:03:22.000"), "an eighth of the first view (5m52s), around 3m")
		Expect(ranges[2:]).To(HaveEach(ranges[1]))
	})

	It("keeps each entry of the index of failures, its number included, within its column", func() {
		got := evalAs[struct {
			Entries, Numbers, Columns int
			Outside                   []string
		}](ctx, `(() => {
			const lis = Array.from(document.querySelectorAll("ol.index")[0].children);
			const out = {Entries: lis.length, Numbers: 0, Columns: new Set(lis.map(li => Math.round(li.getBoundingClientRect().left))).size, Outside: []};
			lis.forEach(li => {
				const box = li.getBoundingClientRect();
				li.querySelectorAll("*").forEach(e => {
					if (e.classList.contains("n")) { out.Numbers++; }
					const r = e.getBoundingClientRect();
					if (r.left < box.left - 0.5 || r.right > box.right + 0.5) { out.Outside.push(e.className + ": " + e.textContent); }
				});
			});
			return out;
		})()`)
		Expect(got.Entries).To(BeNumerically(">=", 13))
		Expect(got.Columns).To(Equal(2))
		Expect(got.Numbers).To(Equal(got.Entries))
		Expect(got.Outside).To(BeEmpty())
	})

	It("colours every state segment as the legend says", func() {
		got := evalAs[struct {
			Segments int
			Wrong    []string
		}](ctx, `(() => {
			const keys = Array.from(document.querySelectorAll(".legend .key[class*=st-]"));
			const colour = {}, other = getComputedStyle(document.querySelector(".legend .key.st-other")).backgroundColor;
			keys.forEach(k => k.textContent.split(", ").forEach(v => { colour[v] = getComputedStyle(k).backgroundColor; }));
			const out = {Segments: 0, Wrong: []};
			document.querySelectorAll("rect.seg").forEach(seg => {
				out.Segments++;
				const v = seg.nextElementSibling.textContent, want = colour[v] || other, fill = getComputedStyle(seg).fill;
				if (fill !== want) { out.Wrong.push(v + ": " + fill + ", the legend says " + want); }
			});
			return out;
		})()`)
		Expect(got.Segments).To(BeNumerically(">", 50))
		Expect(got.Wrong).To(BeEmpty())
	})

	It("labels the time axis in 11 px, every label whole and apart from the next, at any zoom", func() {
		got := evalAs[[]string](ctx, `(() => {
			const bad = [];
			document.querySelectorAll("section.scenario[data-end]").forEach(s => {
				if (!s.dataset.end) { return; }
				const plot = s.querySelector("svg.plot"), check = () => {
					const w = plot.width.baseVal.value;
					let end = -1;
					s.querySelectorAll(".axis text").forEach(t => {
						const x = t.x.baseVal[0].value + t.dx.baseVal[0].value, r = x + t.getComputedTextLength();
						if (parseFloat(getComputedStyle(t).fontSize) < 11) { bad.push(t.textContent + ": small"); }
						if (r > w) { bad.push(s.id + " " + t.textContent + ": cut at " + w + " (ends at " + r + ")"); }
						if (x < end + 4) { bad.push(s.id + " " + t.textContent + ": over the one before"); }
						end = r;
					});
				};
				check();
				s.querySelector(".zoom-reset").click(); check();
				s.querySelector(".zoom-in").click(); check();
				s.querySelector(".zoom-fit").click();
			});
			return bad;
		})()`)
		Expect(got).To(BeEmpty())
	})

	It("unpins the lines kept below a timeline with its close button", func() {
		got := evalAs[[]string](ctx, `(() => {
			const s = document.querySelector("section.scenario"), pinned = s.querySelector(".pinned");
			s.querySelector("path.mk").dispatchEvent(new MouseEvent("click", {bubbles: true}));
			const out = [String(pinned.hidden), pinned.querySelector("pre").textContent.slice(0, 9), String(s.querySelectorAll(".hl").length)];
			pinned.querySelector("button.unpin").click();
			out.push(String(pinned.hidden), String(pinned.getBoundingClientRect().height), String(s.querySelectorAll(".hl").length));
			return out;
		})()`)
		Expect(got).To(Equal([]string{"false", "FAILED t.", "1", "true", "0", "0"}))
	})

	It("logs no console error or exception, and saves a screenshot", func() {
		evalAs[bool](ctx, `window.scrollTo(0, 0) === undefined`)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		Expect(err).NotTo(HaveOccurred())
		saveArtifact("report-screenshot.png", png)
		Expect(con.errors()).To(BeEmpty())
	})
})

// evalAs evaluates a script in the page and decodes its value.
func evalAs[T any](ctx context.Context, js string) T {
	step, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	v, err := chromedp.Run(step, chromedp.Evaluate[T](js))
	Expect(err).NotTo(HaveOccurred(), js)
	return v
}

// exceptionText is an uncaught exception's text and description, with where it was thrown.
func exceptionText(d *runtime.ExceptionDetails) string {
	s := d.Text
	if d.Exception != nil {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s at %s:%d:%d", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// saveArtifact writes a PNG screenshot to the artifacts folder.
func saveArtifact(name string, png []byte) {
	Expect(png).To(HavePrefix("\x89PNG\r\n\x1a\n"))
	dir := artifacts()
	Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
	Expect(os.WriteFile(filepath.Join(dir, name), png, 0o644)).To(Succeed())
}
