package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

// traceEvent is one event of a Trace Event Format document, as a viewer reads it.
type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	S    string          `json:"s"`
	Ts   *json.Number    `json:"ts"`
	Dur  *json.Number    `json:"dur"`
	Pid  *int            `json:"pid"`
	Tid  *int            `json:"tid"`
	Args json.RawMessage `json:"args"`
}

func chrome(s *report.Scenario) []byte {
	var b bytes.Buffer
	Expect(report.ChromeTrace(&b, s)).To(Succeed())
	return b.Bytes()
}

// parseChrome decodes a document strictly and checks the fields every viewer needs.
func parseChrome(data []byte) []traceEvent {
	var doc struct {
		TraceEvents     []traceEvent `json:"traceEvents"`
		DisplayTimeUnit string       `json:"displayTimeUnit"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	Expect(dec.Decode(&doc)).To(Succeed())
	Expect(dec.More()).To(BeFalse(), "one document")
	Expect(doc.DisplayTimeUnit).To(Equal("ms"))
	for _, e := range doc.TraceEvents {
		Expect(e.Name).NotTo(BeEmpty())
		Expect(e.Ph).To(BeElementOf("X", "C", "i", "M"))
		Expect(e.Pid).NotTo(BeNil())
		Expect(*e.Pid).To(Equal(1))
		Expect(e.Tid).NotTo(BeNil())
		Expect(*e.Tid).To(BeNumerically(">=", 0))
		var args map[string]any
		Expect(json.Unmarshal(e.Args, &args)).To(Succeed(), e.Name)
		if e.Ph == "M" {
			Expect(e.Ts).To(BeNil())
			continue
		}
		Expect(e.Ts).NotTo(BeNil())
		Expect(e.Ts.Int64()).To(BeNumerically(">=", 0))
		switch e.Ph {
		case "X":
			Expect(e.Dur).NotTo(BeNil())
			Expect(e.Dur.Int64()).To(BeNumerically(">=", 0))
			Expect(e.Cat).To(Equal("instance"))
		case "i":
			Expect(e.S).To(Equal("t"))
			Expect(args).To(HaveKey("line"))
		case "C":
			for _, v := range args {
				Expect(v).To(BeElementOf(0.0, 1.0))
			}
		}
	}
	return doc.TraceEvents
}

// emitted is when an event is written: a complete event at its end, any other at its ts.
func emitted(e traceEvent) int64 {
	ts, _ := e.Ts.Int64()
	if e.Dur != nil {
		d, _ := e.Dur.Int64()
		return ts + d
	}
	return ts
}

var _ = Describe("ChromeTrace", func() {
	It("writes valid Trace Event Format: a complete event per instance on its registration's track", func() {
		items := replayed(sample...)
		for i := range items {
			s := &items[i]
			events := parseChrome(chrome(s))
			names := map[int]string{}
			var complete, counters, instants int
			last := int64(-1)
			trackEnd := map[int]int64{} // end of the last complete event of each track
			for _, e := range events {
				if e.Ph == "M" {
					Expect(e.Name).To(BeElementOf("process_name", "thread_name", "thread_sort_index"))
					if e.Name == "thread_name" {
						var a struct{ Name string }
						Expect(json.Unmarshal(e.Args, &a)).To(Succeed())
						names[*e.Tid] = a.Name
					}
					continue
				}
				Expect(emitted(e)).To(BeNumerically(">=", last), "events come in the order they happen")
				last = emitted(e)
				switch e.Ph {
				case "X":
					complete++
					ts, _ := e.Ts.Int64()
					Expect(ts).To(BeNumerically(">=", trackEnd[*e.Tid]), "the complete events of a track do not overlap")
					trackEnd[*e.Tid] = emitted(e)
					Expect(names).To(HaveKey(*e.Tid), "a track is named before its first event")
					Expect(names[*e.Tid]).To(HavePrefix(e.Name + " (task="))
				case "C":
					counters++
				case "i":
					instants++
				}
			}
			Expect(complete).To(Equal(runs(items[i:i+1])), s.File)
			Expect(counters).To(BeNumerically(">=", 10), "the initial state of every lane")
			Expect(instants).To(BeNumerically(">", 0))
			Expect(names[0]).To(Equal("system"))
		}
	})

	It("puts an instance that overlaps another of its registration on an overlap track", func() {
		s := replayed("scenarios/library/policy/overlap_start_new.yaml")[0]
		out := string(chrome(&s))
		Expect(out).To(ContainSubstring(`{"name":"thread_name","ph":"M","pid":1,"tid":1000001,"args":{"name":"Slow (task=1) overlap 1"}}`))
		Expect(out).To(MatchRegexp(`"name":"Slow","cat":"instance","ph":"X","ts":\d+,"dur":\d+,"pid":1,"tid":1000001,"args":\{"instance":2,`))
		Expect(out).To(MatchRegexp(`"ph":"i","s":"t","ts":\d+,"pid":1,"tid":1000001,"args":\{"line":"[^"]* Slow task=1 instance=2 `), "its records are on its track")
	})

	It("puts the update task, which has no registration, on a track of its own after the system track", func() {
		s := replayed("scenarios/library/access/update_task.yaml")[0]
		out := string(chrome(&s))
		events := parseChrome([]byte(out))
		Expect(out).To(ContainSubstring(`{"name":"thread_name","ph":"M","pid":1,"tid":1000000,"args":{"name":"Tasks.UpdateTask (update task)"}}`))
		Expect(out).To(MatchRegexp(`"name":"Tasks.UpdateTask","cat":"instance","ph":"X","ts":600000000,"dur":0,"pid":1,"tid":1000000,"args":\{"instance":1,"outcome":"completed"`))
		Expect(out).To(MatchRegexp(`"ph":"i","s":"t","ts":600000000,"pid":1,"tid":1000000,"args":\{"line":"[^"]* log       Tasks.UpdateTask instance=1 `), "its records are on its track")
		complete := 0
		for _, e := range events {
			if e.Ph == "X" {
				complete++
			}
		}
		Expect(complete).To(Equal(runs([]report.Scenario{s})))
	})

	It("puts the outcome, reason and lines of an instance in its args", func() {
		s := replayed("scenarios/library/cancellation/grace_termination.yaml")[0]
		out := string(chrome(&s))
		Expect(out).To(ContainSubstring(`{"name":"Stubborn","cat":"instance","ph":"X","ts":60000000,"dur":15000000,"pid":1,"tid":1,"args":{"instance":1,"outcome":"terminated","reason":"Abort","result":"error","run":"+00:01:00.000 run       Stubborn task=1 instance=1 trigger=System(UserAway)","end":"+00:01:15.000 completed Stubborn task=1 instance=1 result=error"}}`))
		Expect(out).To(ContainSubstring(`{"name":"canceled Abort","cat":"canceled","ph":"i","s":"t","ts":70000000,"pid":1,"tid":1,`))
		Expect(out).To(ContainSubstring(`{"name":"user","cat":"state","ph":"C","ts":60000000,"pid":1,"tid":0,"args":{"present":0,"away":1}}`))
		Expect(out).To(ContainSubstring(`{"name":"event UserAway","cat":"event","ph":"i","s":"t","ts":60000000,"pid":1,"tid":0,`))
	})

	It("streams as an engine's sink, the same bytes as from the records", func() {
		s := mustParseFile("../scenarios/library/policy/overlap_start_new.yaml")
		want := replayOne(s)
		var streamed bytes.Buffer
		w := report.NewChromeWriter(&streamed, report.ChromeOptions{Name: want.Name, Device: want.Device, App: want.App, End: want.End})
		for i := range want.Records {
			w.Record(&want.Records[i])
		}
		Expect(w.Close()).To(Succeed())
		Expect(streamed.String()).To(Equal(string(chrome(&want))))
		var _ simulator.Sink = w
	})

	It("ends an instance still running at the end of virtual time", func() {
		s := report.Scenario{Name: "open", End: time.Hour, Records: []simulator.Record{
			{At: 0, Kind: simulator.KindRegister, Task: "Forever", TaskNum: 1},
			{At: time.Minute, Kind: simulator.KindRun, Task: "Forever", TaskNum: 1, Instance: 1},
		}}
		events := parseChrome(chrome(&s))
		Expect(events[len(events)-1].Ph).To(Equal("X"))
		Expect(events[len(events)-1].Dur.String()).To(Equal("3540000000"))
		Expect(string(events[len(events)-1].Args)).To(ContainSubstring(`"outcome":"running"`))
	})

	It("gives the same bytes replay after replay", func() {
		a, b := replayed(sample...), replayed(sample...)
		for i := range a {
			Expect(bytes.Equal(chrome(&a[i]), chrome(&b[i]))).To(BeTrue())
		}
	})

	It("escapes names as JSON strings, invalid UTF-8 included", func() {
		s := report.Scenario{Name: "q\"uote\\ \x01 \xff", Records: []simulator.Record{
			{Kind: simulator.KindRegister, Task: "T\"<\n>", TaskNum: 1},
		}}
		events := parseChrome(chrome(&s))
		Expect(string(events[0].Args)).To(Equal(`{"name":"q\"uote\\ \u0001 \ufffd"}`))
	})

	It("returns the first write error", func() {
		s := replayed(sample[0])[0]
		err := report.ChromeTrace(failingWriter{}, &s)
		Expect(err).To(MatchError(ContainSubstring("cannot write the Chrome trace: disk full")))
	})

	It("reads a replay's world: a scenario that starts on battery starts the power counter there", func() {
		rep, err := scenarios.Run(mustParse(`name: on battery
device: {power: battery}
until: 1m
`), scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		s := report.FromReport(rep)
		Expect(string(chrome(&s))).To(ContainSubstring(`{"name":"power","cat":"state","ph":"C","ts":0,"pid":1,"tid":0,"args":{"battery":1}}`))
	})
})

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
