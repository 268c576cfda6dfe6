package report_test

import (
	"bytes"
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/simulator"
)

// render returns the page as written.
func render(items []report.Scenario) string {
	var b bytes.Buffer
	Expect(report.HTML(&b, items)).To(Succeed())
	return b.String()
}

// text returns the page with its character references decoded, to match attribute values.
func text(items []report.Scenario) string { return html.UnescapeString(render(items)) }

var (
	barRE  = regexp.MustCompile(`<rect class="bar [^"]*"[^>]*>`)
	attrRE = regexp.MustCompile(`data-(task|instance|outcome)="([^"]*)"`)
)

// bars returns the data-task, data-instance and data-outcome of every instance bar.
func bars(page string) [][3]string {
	var out [][3]string
	for _, tag := range barRE.FindAllString(page, -1) {
		var b [3]string
		for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
			b[map[string]int{"task": 0, "instance": 1, "outcome": 2}[m[1]]] = m[2]
		}
		out = append(out, b)
	}
	return out
}

// failingDoc fails one expectation at 3m and one without a time; a latch holds a firing from 3m
// to 5m.
const failingDoc = `name: fails <on purpose> & "loudly"
manifest:
  declarations:
    - entry_point: T.Work
      task_types: [systemEvent]
tasks:
  T.Work:
    script:
      - take_deferral: d
      - at: 20s
        complete_deferral: d
registrations:
  - name: Work
    entry_point: T.Work
    trigger: {type: system, event: TimeZoneChange}
    conditions: [UserPresent]
timeline:
  - at: 1m
    time_zone: Asia/Tokyo
  - at: 2m
    user: away
  - at: 3m
    time_zone: Europe/Paris
  - at: 5m
    user: present
expect:
  - run: Work
    at: 3m
  - canceled: Work
`

var _ = Describe("HTML", func() {
	It("draws one bar per run record, with the task, instance and outcome hooks", func() {
		items := replayed(sample...)
		page := render(items)
		bs := bars(page)
		Expect(bs).To(HaveLen(runs(items)))
		Expect(runs(items)).To(BeNumerically(">=", 10))
		outcomes := map[string]int{}
		for _, b := range bs {
			Expect(b[0]).NotTo(BeEmpty())
			Expect(strconv.Atoi(b[1])).To(BeNumerically(">", 0))
			outcomes[b[2]]++
		}
		Expect(outcomes).To(HaveKey("completed"))
		Expect(outcomes).To(HaveKey("canceled"))
		Expect(outcomes).To(HaveKey("terminated"))
		Expect(page).To(ContainSubstring(`data-task="Stubborn" data-instance="1" data-outcome="terminated"`))
		Expect(page).To(ContainSubstring(`data-task="Bystander" data-instance="2" data-outcome="completed"`))
	})

	It("gives the update task, which has no registration, a lane and bars of its own", func() {
		items := replayed("scenarios/library/access/update_task.yaml")
		page := render(items)
		Expect(bars(page)).To(HaveLen(runs(items)))
		Expect(page).To(ContainSubstring(`data-task="Tasks.UpdateTask" data-instance="1" data-outcome="completed"`))
		Expect(page).To(ContainSubstring("Tasks.UpdateTask (update task)"))
		Expect(page).To(MatchRegexp(`<g class="label lane-task"><rect [^>]*/><text [^>]*>Tasks.UpdateTask \(update task\)</text><title>Tasks.UpdateTask \(update task\)</title>`), "said in the label, not only in its title")
		Expect(page).To(ContainSubstring(`<g class="lane lane-task" data-task-lane="update_task">`))
		long := strings.Repeat("Tasks.", 8) + "UpdateTask"
		s := report.Scenario{Name: "long", File: "long.yaml", End: time.Hour, Records: []simulator.Record{
			{Kind: simulator.KindRun, Task: long, Instance: 1},
			{Kind: simulator.KindCompleted, Task: long, Instance: 1, Result: simulator.ResultOK},
		}}
		Expect(text([]report.Scenario{s})).To(MatchRegexp(`<text [^>]*>Tasks.Tasks.[a-zA-Z.]*… \(update task\)</text>`), "a long name is cut, not the note")
	})

	It("cuts a registration's name to the width of the label column, and keeps it whole in the title", func() {
		page := text([]report.Scenario{longNamed()})
		labels := regexp.MustCompile(`<text x="6" y="\d+" dy="15">([^<]*)</text><title>([^<]*) \(task=\d\)</title>`).FindAllStringSubmatch(page, -1)
		Expect(labels).To(HaveLen(len(longNames)))
		shown := map[string]string{}
		for _, l := range labels {
			shown[l[2]] = l[1]
		}
		Expect(shown).To(Equal(map[string]string{
			longNames[0]: strings.Repeat("W", 16) + "…",
			longNames[1]: longNames[1], // narrow letters: 32 fit
			longNames[2]: "AVeryLongRegistrationNameTh…",
			longNames[3]: strings.Repeat("同步任务", 4) + "同步…",
			longNames[4]: "Short",
		}))
	})

	It("has a data-lane for every device and app state lane of every scenario", func() {
		items := replayed(sample[:2]...)
		page := render(items)
		for _, lane := range []string{"power", "network", "user", "standby", "battery_saver", "app"} {
			Expect(strings.Count(page, `data-lane="`+lane+`"`)).To(Equal(2), lane)
		}
		Expect(page).NotTo(ContainSubstring(`data-lane="session"`), "a lane the trace never changes is left out")
	})

	It("reconstructs the state lanes from the device block and the device and app records", func() {
		page := text(replayed("scenarios/library/inprocess/grace_terminates_app.yaml"))
		app := page[strings.Index(page, `data-lane="app"`):]
		app = app[:strings.Index(app, "</g>")]
		Expect(app).To(MatchRegexp(`class="seg v-foreground" x="8.0"[^>]*data-t0="0" data-t1="65000000"`))
		Expect(app).To(MatchRegexp(`class="seg v-terminated"[^>]*data-t0="65000000" data-t1="300000000" data-lines="\+00:01:05.000 app       terminate cause=cancel_grace_expired state=terminated"`))
	})

	It("shows each mark's trace lines, and a bar's lines from run to its last record", func() {
		page := text(replayed("scenarios/library/cancellation/grace_termination.yaml"))
		Expect(page).To(ContainSubstring(`data-outcome="terminated" data-lines="+00:01:00.000 run       Stubborn task=1 instance=1 trigger=System(UserAway)
+00:01:00.000 deferral  Stubborn task=1 instance=1 deferral=1
+00:01:10.000 canceled  Stubborn task=1 instance=1 reason=Abort
`))
		Expect(page).To(MatchRegexp(`class="mk mk-canceled"[^>]*data-lines="\+00:01:10.000 canceled  Stubborn task=1 instance=1 reason=Abort"`))
		Expect(page).To(MatchRegexp(`class="mk mk-event"[^>]*data-lines="\+00:01:00.000 event     UserAway"`))
		Expect(page).To(MatchRegexp(`class="mk mk-delivered"[^>]*data-lines="\+00:01:15.000 delivered Stubborn task=1 instance=1 result=error"`))
	})

	It("puts overlapping instances of a registration on rows, each with its marks", func() {
		page := text(replayed("scenarios/library/policy/overlap_start_new.yaml"))
		Expect(page).To(MatchRegexp(`<rect class="bar completed" x="[0-9.]+" y="179" [^>]*data-instance="1"`))
		Expect(page).To(MatchRegexp(`<rect class="bar completed" x="[0-9.]+" y="197" [^>]*data-instance="2"`))
		Expect(page).To(MatchRegexp(`class="mk mk-delivered"[^>]*data-y="205" data-lines="[^"]*delivered Slow task=1 instance=2`))
	})

	It("sets marks of one instant and row apart, draws the more important over the others, and gives bars a width", func() {
		page := text(replayed("scenarios/library/cancellation/grace_termination.yaml"))
		delivered := regexp.MustCompile(`<path class="mk mk-delivered"[^>]*transform="translate\(([0-9.]+) 187\)" data-t0="75000000" data-dx="4" data-y="187"`).FindStringSubmatchIndex(page)
		terminated := regexp.MustCompile(`<path class="mk mk-canceled"[^>]*transform="translate\(([0-9.]+) 187\)" data-t0="75000000" data-dx="-4" data-y="187" data-lines="\+00:01:15.000 terminated`).FindStringSubmatchIndex(page)
		Expect(delivered).NotTo(BeNil())
		Expect(terminated).NotTo(BeNil())
		Expect(terminated[0]).To(BeNumerically(">", delivered[0]), "the termination is drawn over the delivery")
		dx, _ := strconv.ParseFloat(page[delivered[2]:delivered[3]], 64)
		tx, _ := strconv.ParseFloat(page[terminated[2]:terminated[3]], 64)
		Expect(dx - tx).To(BeNumerically("~", 8, 0.11))
		Expect(page).NotTo(MatchRegexp(`data-t0="60000000" data-dx`), "a mark alone at its instant and row stays on it")
		lane := page[strings.Index(page, `data-task-lane="1"`):]
		lane = lane[:strings.Index(lane, "</g>")]
		Expect(strings.LastIndex(lane, `<rect class="bar`)).To(BeNumerically("<", strings.Index(lane, `<path class="mk`)), "marks over bars")

		page = text(replayed("scenarios/library/access/update_task.yaml"))
		Expect(page).To(MatchRegexp(`<rect class="bar completed" x="[0-9.]+" y="\d+" width="5.0" [^>]*data-t0="600000000" data-t1="600000000" data-task="Tasks.UpdateTask"`), "an instance that ran no time")
	})

	It("leaves room at both ends of the plot, so that marks at the start and end are whole", func() {
		page := text(replayed("scenarios/library/cancellation/grace_termination.yaml"))
		Expect(page).To(ContainSubstring(`<svg class="plot" x="240" y="0" width="1000"`))
		Expect(page).To(MatchRegexp(`<path class="mk mk-register" [^>]*transform="translate\(8.0 \d+\)" data-t0="0"`))
		page = text([]report.Scenario{replayOne(mustParse(failingDoc + "  - run: Work\n    at: 2h\n"))})
		Expect(page).To(MatchRegexp(`<path class="mk mk-failure" [^>]*transform="translate\(992.0 \d+\)" data-t0="7200000000"`))
	})

	It("puts a failed registration on the lane of its name", func() {
		page := text(replayed("scenarios/library/triggers/device_servicing.yaml"))
		Expect(page).To(MatchRegexp(`<g class="label lane-failed"><rect [^>]*/><text [^>]*>FirmwareWhenOnline</text><title>FirmwareWhenOnline \(not registered\)</title></g>`))
		lane := page[strings.Index(page, `<g class="lane lane-failed">`):]
		lane = lane[:strings.Index(lane, "</g>")]
		Expect(lane).To(MatchRegexp(`class="mk mk-error"[^>]*data-lines="\+00:00:00.000 register_failed FirmwareWhenOnline error=InvalidTrigger`))
		events := page[strings.Index(page, `<g class="lane lane-events">`):]
		Expect(events[:strings.Index(events, "</g>")]).NotTo(ContainSubstring("register_failed"))

		s := report.Scenario{Name: "again", File: "again.yaml", End: time.Hour, Records: []simulator.Record{
			{Kind: simulator.KindRegister, Task: "Sync", TaskNum: 1},
			{At: time.Minute, Kind: simulator.KindRegisterFailed, Task: "Sync", Code: simulator.AccessDenied},
		}}
		page = text([]report.Scenario{s})
		Expect(page).NotTo(ContainSubstring(`<g class="label lane-failed">`))
		lane = page[strings.Index(page, `data-task-lane="1"`):]
		Expect(lane[:strings.Index(lane, "</g>")]).To(MatchRegexp(`class="mk mk-error"[^>]*data-lines="\+00:01:00.000 register_failed Sync error=AccessDenied`))
	})

	It("outlines and counts the instances drawn over others, and marks each of two instances canceled at once", func() {
		s := report.Scenario{Name: "crowded", File: "crowded.yaml", End: time.Hour, Records: []simulator.Record{
			{Kind: simulator.KindRegister, Task: "Busy", TaskNum: 1},
		}}
		for i := 1; i <= 6; i++ { // six at once: the fifth and sixth have no row of their own
			s.Records = append(s.Records, simulator.Record{At: time.Duration(i) * time.Minute, Kind: simulator.KindRun, Task: "Busy", TaskNum: 1, Instance: i})
		}
		for _, i := range []int{1, 2} {
			s.Records = append(s.Records, simulator.Record{At: 20 * time.Minute, Kind: simulator.KindCanceled, Task: "Busy", TaskNum: 1, Instance: i, Reason: simulator.ReasonAbort})
		}
		for i := 1; i <= 6; i++ {
			s.Records = append(s.Records, simulator.Record{At: 30 * time.Minute, Kind: simulator.KindCompleted, Task: "Busy", TaskNum: 1, Instance: i, Result: simulator.ResultOK})
		}
		page := text([]report.Scenario{s})
		over := regexp.MustCompile(`<rect class="bar [a-z]+ overlaps"[^>]*data-instance="(\d)"`).FindAllStringSubmatch(page, -1)
		Expect(over).To(HaveLen(2))
		Expect([]string{over[0][1], over[1][1]}).To(Equal([]string{"5", "6"}))
		Expect(page).To(ContainSubstring("2 instances drawn over others (outlined): the report draws 4 rows of overlapping instances a registration"))
		Expect(page).To(ContainSubstring("<title>Busy (task=1); 2 instances drawn over others on the last row</title>"))
		canceled := regexp.MustCompile(`class="mk mk-canceled"[^>]*data-y="(\d+)" data-lines="\+00:20:00.000 canceled  Busy task=1 instance=(\d) reason=Abort"`).FindAllStringSubmatch(page, -1)
		Expect(canceled).To(HaveLen(2))
		Expect(canceled[0][1]).NotTo(Equal(canceled[1][1]), "each on its instance's row")

		Expect(render(replayed(sample...))).NotTo(ContainSubstring("drawn over others"))
	})

	It("marks latches", func() {
		page := text(replayed("scenarios/library/conditions/time_trigger_latched.yaml"))
		Expect(page).To(MatchRegexp(`class="mk mk-latched"[^>]*data-lines="[^"]*latched   Periodic task=1 waiting=UserPresent pending=1"`))
	})

	It("tells allowed answers to requests from refused ones and undelivered triggers, and says so in the legend", func() {
		page := text(replayed(
			"scenarios/library/triggers/device_servicing.yaml",
			"scenarios/library/triggers/media_processing.yaml",
			"scenarios/library/triggers/application_trigger_one_at_a_time.yaml",
			"scenarios/library/triggers/push_notification.yaml",
			"scenarios/library/triggers/socket_activity_stream_socket.yaml",
		))
		mark := func(class, line string) string {
			return `class="mk mk-` + class + `"[^>]*data-lines="[^"]*` + regexp.QuoteMeta(line)
		}
		for _, line := range []string{
			"device_trigger=band-42 result=Allowed",
			"request=media_processing result=Allowed",
			"signal_result Old task=1 result=Allowed",
		} {
			Expect(page).To(MatchRegexp(mark("allowed", line)), line)
		}
		for _, line := range []string{
			"device_trigger=band-42 result=DeniedBySystem cause=currently_running",
			"device_trigger=band-42 result=LowBattery",
			"device_trigger=band-42 result=DeniedByUser",
			"request=media_processing result=CurrentlyRunning",
			"request=media_processing result=DisabledByPolicy cause=app_suspended",
			"signal_result New task=2 result=CurrentlyRunning",
			`raw_notification="new mail: 4" not_delivered=battery_saver`,
			"not_delivered=owned_by_task",
		} {
			Expect(page).To(MatchRegexp(mark("refused", line)), line)
		}
		Expect(page).NotTo(MatchRegexp(`class="mk mk-(info|event)"[^>]*data-lines="[^"]*(result=[A-Z]|not_delivered=)`), "no answer looks like any other record")
		legend := page[strings.Index(page, `<details class="legend"`):strings.Index(page, "</details>\n</header>")]
		Expect(legend).To(MatchRegexp(`class="mk-allowed"[^>]*/></svg> request allowed`))
		Expect(legend).To(MatchRegexp(`class="mk-refused"[^>]*/></svg> request refused or trigger not delivered \(DeniedBySystem, DeniedByUser, LowBattery, DisabledByPolicy, CurrentlyRunning, UnknownError, not_delivered=...\)`))
		Expect(legend).To(MatchRegexp(`class="mk-info"[^>]*/></svg> any other record`))
	})

	It("puts failing scenarios first, counts them, and marks a failure at its time", func() {
		items := replayed(sample[0])
		items = append(items, replayOne(mustParse(failingDoc)), report.FromError("bad.yaml", errors.New("bad.yaml:3:1: unknown key \"nmae\"")))
		page := text(items)
		Expect(page).To(ContainSubstring(`data-total="3" data-passed="1" data-failed="1" data-errors="1"`))
		fail, bad, pass := strings.Index(page, `<section class="scenario fail"`), strings.Index(page, `<section class="scenario error"`), strings.Index(page, `<section class="scenario pass"`)
		Expect(fail).To(BeNumerically(">", 0))
		Expect(fail).To(BeNumerically("<", bad))
		Expect(bad).To(BeNumerically("<", pass))
		Expect(page).To(MatchRegexp(`class="mk mk-failure"[^>]*data-t0="180000000"[^>]*data-lines="FAILED t.yaml:27:5: expected run Work at \+00:03:00.000`))
		Expect(strings.Count(page, `class="mk mk-failure"`)).To(Equal(1), "the failure without a time is listed, not drawn")
		Expect(page).To(ContainSubstring(`<span class="where">t.yaml:29:5</span><pre>expected canceled Work`))
		Expect(page).To(ContainSubstring(`unknown key "nmae"`))
	})

	It("stretches the timeline to a failure after the end of the run, and fits the first view to it", func() {
		page := render([]report.Scenario{replayOne(mustParse(failingDoc + "  - run: Work\n    at: 2h\n"))})
		Expect(page).To(ContainSubstring(`data-end="7200000000" data-fit="7200000000"`))
		Expect(page).To(MatchRegexp(`class="mk mk-failure"[^>]*data-t0="7200000000"`))
		page = render([]report.Scenario{replayOne(mustParse(failingDoc))})
		Expect(page).To(ContainSubstring(`data-end="3900000000" data-fit="352000000"`), "fit: the last record at 5m20s, and a tenth")
	})

	It("opens the legend, which explains the state lanes' colours, when something failed", func() {
		page := render(replayed(sample[0]))
		Expect(page).To(ContainSubstring(`<details class="legend"><summary>`), "closed when everything passed")
		Expect(page).To(ContainSubstring(`<span class="key st-limited">battery, local, metered, suspended</span> limited`))
		page = render([]report.Scenario{replayOne(mustParse(failingDoc))})
		Expect(page).To(ContainSubstring(`<details class="legend" open><summary>`))
		page = render([]report.Scenario{report.FromError("bad.yaml", errors.New("bad"))})
		Expect(page).To(ContainSubstring(`<details class="legend" open><summary>`))
	})

	It("counts in the singular when there is one", func() {
		one := report.Scenario{Name: "one", File: "one.yaml", End: time.Minute, Records: []simulator.Record{{Kind: simulator.KindRegister, Task: "A", TaskNum: 1}}}
		page := render([]report.Scenario{one})
		Expect(page).To(ContainSubstring("1 scenario: <b>0</b> failed"))
		Expect(page).To(ContainSubstring("<summary>1 passing scenario</summary>"))
		Expect(page).To(ContainSubstring(" · 1 record · ran "))
		page = render(append(replayed(sample[:2]...), one))
		Expect(page).To(ContainSubstring("3 scenarios: <b>0</b> failed"))
		Expect(page).To(ContainSubstring("<summary>3 passing scenarios</summary>"))
	})

	It("returns the writer's error", func() {
		Expect(report.HTML(failingWriter{}, replayed(sample[0]))).To(MatchError(ContainSubstring("cannot write the report: disk full")))
	})

	It("escapes every name and message", func() {
		s := replayOne(mustParse(failingDoc))
		s.Records = append(s.Records, simulator.Record{At: time.Minute, Kind: simulator.KindLog, Task: `</script><script>alert(1)</script>`, TaskNum: 1, Instance: 1, Detail: `"><img src=x onerror=alert(1)>`})
		page := render([]report.Scenario{s})
		Expect(page).NotTo(ContainSubstring("<script>alert"))
		Expect(page).NotTo(ContainSubstring("<img"))
		Expect(page).NotTo(ContainSubstring("<on purpose>"))
		Expect(page).To(ContainSubstring("fails &lt;on purpose&gt; &amp; &#34;loudly&#34;"))
	})

	It("is self-contained: no network reference, no external resource", func() {
		page := render(replayed(sample...))
		Expect(page).NotTo(ContainSubstring("http:"))
		Expect(page).NotTo(ContainSubstring("https:"))
		Expect(page).NotTo(MatchRegexp(`(src|href)="[^#]`))
		Expect(page).NotTo(ContainSubstring("@import"))
		Expect(page).NotTo(ContainSubstring("url("))
		Expect(page).To(ContainSubstring("<style>"))
		Expect(page).To(ContainSubstring("<script>"))
	})

	It("gives the same bytes for the same scenarios, replay after replay", func() {
		a := render(replayed(sample...))
		b := render(replayed(sample...))
		Expect(a == b).To(BeTrue())
	})

	It("bounds its output, whatever the size of the trace", func() {
		big := report.Scenario{Name: "huge", File: "huge.yaml", End: time.Hour}
		long := strings.Repeat("x", 10000)
		for i := 1; i <= 20000; i++ {
			at := time.Duration(i) * 10 * time.Millisecond
			task := "Task" + strconv.Itoa(i%500)
			big.Records = append(big.Records,
				simulator.Record{At: at, Kind: simulator.KindRun, Task: task, TaskNum: i%500 + 1, Instance: i},
				simulator.Record{At: at, Kind: simulator.KindLog, Task: task, TaskNum: i%500 + 1, Instance: i, Detail: long},
				simulator.Record{At: at, Kind: simulator.KindDevice, Detail: []string{"power=battery", "power=ac"}[i%2]},
				simulator.Record{At: at + 5*time.Millisecond, Kind: simulator.KindCompleted, Task: task, TaskNum: i%500 + 1, Instance: i, Result: simulator.ResultOK})
		}
		huge := strings.Repeat("y", 100000)
		for range 1000 {
			big.Failures = append(big.Failures, report.Failure{Where: "huge.yaml:1:1", Msg: huge, At: time.Minute, Known: true})
		}
		page := text([]report.Scenario{big})
		Expect(len(page)).To(BeNumerically("<", 2<<20))
		Expect(page).To(MatchRegexp(`\d+ more not drawn \(from \+[0-9:.]+ on, shaded\)`))
		Expect(page).To(ContainSubstring("more failures not listed"))
		Expect(strings.Count(page, `data-task-lane=`)).To(Equal(60))
		Expect(page).NotTo(MatchRegexp(`class="seg v-(ac|battery)"[^>]*data-t1="3600000000"`), "a state lane ends where its changes stop being drawn")
		Expect(page).To(MatchRegexp(`class="seg v-internet"[^>]*data-t0="0" data-t1="3600000000"`))
	})

	It("shades the timeline from the first item left out over the budget, and counts the registrations not drawn", func() {
		big := report.Scenario{Name: "many", File: "many.yaml", End: time.Hour}
		for n := 1; n <= 70; n++ {
			big.Records = append(big.Records, simulator.Record{Kind: simulator.KindRegister, Task: "Reg" + strconv.Itoa(n), TaskNum: n})
		}
		inst := 0
		for m := 1; m <= 30; m++ {
			for n := 1; n <= 70; n++ {
				inst++
				at := time.Duration(m) * time.Minute
				task := "Reg" + strconv.Itoa(n)
				big.Records = append(big.Records,
					simulator.Record{At: at, Kind: simulator.KindRun, Task: task, TaskNum: n, Instance: inst},
					simulator.Record{At: at + 10*time.Second, Kind: simulator.KindCompleted, Task: task, TaskNum: n, Instance: inst, Result: simulator.ResultOK})
			}
		}
		// 6 state segments and 60 register marks at 0, then 60 bars a minute: the 1500th item is
		// the 54th bar of minute 24, and the first left out the 55th.
		page := text([]report.Scenario{big})
		Expect(strings.Count(page, `data-task-lane=`)).To(Equal(60))
		Expect(page).To(ContainSubstring("366 more not drawn (from +00:24:00.000 on, shaded)"))
		Expect(page).To(ContainSubstring("10 registrations not drawn (the first 60 are)"))
		Expect(page).To(MatchRegexp(`<rect class="cut" x="401.6" y="22" width="590.4" height="\d+" data-t0="1440000000" data-t1="3600000000" data-lines="From \+00:24:00.000 to the end, 366 bars, segments and marks are not drawn`))
		Expect(strings.Count(page, `class="bar `)).To(Equal(1500 - 66))

		small := replayed(sample[0])
		Expect(render(small)).NotTo(ContainSubstring(`class="cut"`))
		Expect(render(small)).NotTo(ContainSubstring("not drawn"))
	})
})
