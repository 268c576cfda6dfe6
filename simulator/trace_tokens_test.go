package simulator_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("doc: Trace: names and details cannot forge lines", func() {
	DescribeTable("a registration name prints as itself unless it has a space, a double quote or an unprintable character; then it is Go-quoted",
		func(name, want string) {
			r := simulator.Record{Kind: simulator.KindRun, Task: name, TaskNum: 1, Instance: 2}
			Expect(r.String()).To(Equal("+00:00:00.000 run       " + want + " task=1 instance=2"))
		},
		Entry("plain", "Sync.Mail-2", "Sync.Mail-2"),
		Entry("non-ASCII letters", "Tâche", "Tâche"),
		Entry("an equals sign alone", "a=b", "a=b"),
		Entry("a space", "my task", `"my task"`),
		Entry("a newline", "a\n+00:00:00.000 run       X", `"a\n+00:00:00.000 run       X"`),
		Entry("a double quote", `say "hi"`, `"say \"hi\""`),
		Entry("a control character", "a\x01b", `"a\x01b"`),
		Entry("a Unicode line separator", "a\u2028b", `"a\u2028b"`),
	)

	DescribeTable("a detail's control and unprintable characters are escaped; its spaces and quotes stay",
		func(detail, want string) {
			r := simulator.Record{Kind: simulator.KindLog, Task: "T", Detail: detail}
			Expect(r.String()).To(Equal("+00:00:00.000 log       T " + want))
		},
		Entry("plain fields", `msg="a b" k=v`, `msg="a b" k=v`),
		Entry("a newline", "entry_point=A\n+00:00:01.000 run B", `entry_point=A\n+00:00:01.000 run B`),
		Entry("a carriage return and a NUL", "k=a\rb\x00", `k=a\rb\x00`),
		Entry("a Unicode line separator", "k=a\u2028b", `k=a\u2028b`),
	)

	It("quotes a custom trigger id or an entry point that would split its field, in register and run records", func() {
		s := newSim(simulator.Config{})
		s.register("T", simulator.NewCustomSystemEventTrigger("low battery", simulator.RecurrenceAlways))
		s.RaiseCustomSystemEvent("low battery")
		lines := strings.Split(strings.TrimSuffix(s.Trace().Text(), "\n"), "\n")
		Expect(lines[0]).To(Equal(`+00:00:00.000 register  T task=1 trigger="CustomSystemEvent(low battery,Always)" entry_point=Tasks.All`))
		Expect(lines).To(ContainElement(`+00:00:00.000 run       T task=1 instance=1 trigger="CustomSystemEvent(low battery,Always)"`))
	})

	It("keeps a trace of odd names one line per record, in TextSink and FormatText alike", func() {
		var text bytes.Buffer
		buffer := &simulator.TraceBuffer{}
		s := newSim(simulator.Config{Sink: simulator.Tee{buffer, &simulator.TextSink{W: &text}}})
		s.register("evil\n+00:00:00.000 run       forged task=9 instance=9", sms())
		s.raiseSMS()
		Expect(text.String()).To(Equal(buffer.Text()))
		Expect(strings.Count(text.String(), "\n")).To(Equal(len(buffer.Records())))
		Expect(text.String()).NotTo(ContainSubstring("\n+00:00:00.000 run       forged"))
	})
})

var _ = Describe("TextSink", func() {
	It("writes exactly AppendText's and AppendJSON's lines over a busy device's interleaved instances", func() {
		var text, jsonl bytes.Buffer
		buffer := &simulator.TraceBuffer{}
		e := newBusyDevice(5, simulator.Tee{buffer, &simulator.TextSink{W: &text}, &simulator.TextSink{W: &jsonl, JSON: true}}, 100)
		e.RunFor(3 * 24 * time.Hour)
		records := buffer.Records()
		Expect(len(records)).To(BeNumerically(">", 10000))
		Expect(text.String()).To(Equal(simulator.FormatText(records)))
		var want []byte
		for i := range records {
			want = records[i].AppendJSON(want)
			want = append(want, '\n')
		}
		Expect(jsonl.String()).To(Equal(string(want)))
	})

	It("writes exactly AppendText's and AppendJSON's lines for long and odd identities and every kind", func() {
		var records []simulator.Record
		names := []string{"T", strings.Repeat("long-name.", 12), "with space", ""}
		for i, name := range names {
			for _, k := range simulator.RecordKinds() {
				records = append(records, simulator.Record{At: time.Duration(i) * time.Second, Kind: k, Task: name,
					TaskNum: i * 1000003, TaskID: simulator.GUID{byte(i), 9}, Instance: i * 7, InstanceID: simulator.GUID{byte(k), 7},
					Value: uint32(i * 50), Deferral: i % 2, Result: simulator.Result(i % 3), Detail: []string{"", "k=v", "msg=\"a\nb\""}[i%3]})
			}
		}
		var text, jsonl bytes.Buffer
		ts, js := &simulator.TextSink{W: &text}, &simulator.TextSink{W: &jsonl, JSON: true}
		var wantText, wantJSON []byte
		for round := 0; round < 2; round++ { // the second round meets what the first one cached
			for i := range records {
				ts.Record(&records[i])
				js.Record(&records[i])
				wantText = append(records[i].AppendText(wantText), '\n')
				wantJSON = append(records[i].AppendJSON(wantJSON), '\n')
			}
		}
		Expect(text.String()).To(Equal(string(wantText)))
		Expect(jsonl.String()).To(Equal(string(wantJSON)))
	})

	DescribeTable("renders a record without allocating",
		func(json bool) {
			sink := &simulator.TextSink{W: io.Discard, JSON: json}
			r := simulator.Record{At: time.Hour, Kind: simulator.KindProgress, Task: "T", TaskNum: 3,
				TaskID: simulator.GUID{1, 2, 3}, Instance: 1, InstanceID: simulator.GUID{4, 5, 6}, Value: 50}
			for range 200 { // warm up: the sink's buffers reach their size once
				r.Instance++
				sink.Record(&r)
			}
			allocs := testing.AllocsPerRun(1000, func() {
				r.Instance++ // a new identity each time: nothing is reused from the previous line
				r.At += time.Second
				sink.Record(&r)
			})
			Expect(allocs).To(BeZero())
			Expect(sink.Err).NotTo(HaveOccurred())
		},
		Entry("text", false),
		Entry("JSON", true),
	)
})
