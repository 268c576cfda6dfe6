package simulator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// failingWriter fails every write after the first n.
type failingWriter struct {
	n   int
	buf bytes.Buffer
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return w.buf.Write(p)
}

var _ = Describe("doc: Trace", func() {
	DescribeTable("the offset is +HH:MM:SS.mmm, with +Nd in front from one day on",
		func(d time.Duration, want string) {
			Expect(simulator.FormatOffset(d)).To(Equal(want))
			Expect(string(simulator.AppendOffset([]byte("x"), d))).To(Equal("x" + want))
		},
		Entry("zero", time.Duration(0), "+00:00:00.000"),
		Entry("milliseconds", 1234*time.Millisecond, "+00:00:01.234"),
		Entry("sub-millisecond parts are truncated", time.Millisecond+999*time.Microsecond, "+00:00:00.001"),
		Entry("just under a day", 24*time.Hour-time.Millisecond, "+23:59:59.999"),
		Entry("one day", 24*time.Hour, "+1d00:00:00.000"),
		Entry("past a day", 26*time.Hour+3*time.Minute, "+1d02:03:00.000"),
		Entry("a year", 365*24*time.Hour+time.Second, "+365d00:00:01.000"),
		Entry("negative counts as zero", -time.Second, "+00:00:00.000"),
	)

	It("pads the kind to 9 columns, and prints fields in the fixed order: name, task, instance, deferral, event, reason, result, signal, error, value, detail", func() {
		r := simulator.Record{
			At: time.Second, Kind: simulator.KindRun, Task: "T", TaskNum: 2, Instance: 3, Deferral: 4,
			Event: simulator.SystemTriggerUserAway, Reason: simulator.ReasonAbort, Result: simulator.ResultOK,
			Signal: simulator.SignalAllowed, Code: simulator.InvalidOneShot, Detail: "k=v",
		}
		Expect(r.String()).To(Equal("+00:00:01.000 run       T task=2 instance=3 deferral=4 UserAway reason=Abort result=ok result=Allowed error=InvalidOneShot hresult=0x80070057 k=v"))
		long := simulator.Record{Kind: simulator.KindDeferralCompleted, Task: "T", TaskNum: 1, Instance: 1, Deferral: 1}
		Expect(long.String()).To(Equal("+00:00:00.000 deferral_completed T task=1 instance=1 deferral=1"))
		nine := simulator.Record{Kind: simulator.KindCompleted, Task: "T", Result: simulator.ResultError}
		Expect(nine.String()).To(Equal("+00:00:00.000 completed T result=error"))
	})

	It("prints value for progress (0 included) and callbacks for work_lost", func() {
		Expect(simulator.Record{Kind: simulator.KindProgress, Task: "T", Value: 0}.String()).To(Equal("+00:00:00.000 progress  T value=0"))
		Expect(simulator.Record{Kind: simulator.KindWorkLost, Task: "T", Value: 2}.String()).To(Equal("+00:00:00.000 work_lost T callbacks=2"))
		Expect(simulator.Record{Kind: simulator.KindRun, Task: "T", Value: 2}.String()).To(Equal("+00:00:00.000 run       T"))
	})

	It("Trace().Text() is FormatText of the records, one newline-terminated line each, GUIDs left out", func() {
		s := newSim(simulator.Config{})
		s.register("T", sms())
		s.raiseSMS()
		text := s.Trace().Text()
		Expect(text).To(Equal(simulator.FormatText(s.Trace().Records())))
		Expect(text).To(Equal(strings.Join([]string{
			"+00:00:00.000 register  T task=1 trigger=System(SmsReceived) entry_point=Tasks.All",
			"+00:00:00.000 event     SmsReceived",
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 completed T task=1 instance=1 result=ok",
			"+00:00:00.000 delivered T task=1 instance=1 result=ok",
		}, "\n") + "\n"))
		Expect(text).NotTo(ContainSubstring(s.records(simulator.KindRun)[0].InstanceID.String()))
	})

	It("JSON lines are valid JSON, carry the GUIDs, the offset in nanoseconds and the HRESULT", func() {
		var buf bytes.Buffer
		var id simulator.GUID
		s := newSim(simulator.Config{Sink: &simulator.TextSink{W: &buf, JSON: true}})
		s.behave["T"] = func(in *simulator.Instance) { id = in.InstanceID() }
		r := s.register("T", sms())
		s.raiseSMS()
		_, err := s.builder("Bad", simulator.NewTimeTrigger(5, false)).Register()
		Expect(err).To(HaveOccurred())
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		Expect(lines).To(HaveLen(6))
		for _, l := range lines {
			Expect(json.Valid([]byte(l))).To(BeTrue(), l)
		}
		var run map[string]any
		Expect(json.Unmarshal([]byte(lines[2]), &run)).To(Succeed())
		Expect(run).To(Equal(map[string]any{
			"at": "+00:00:00.000", "at_ns": float64(0), "kind": "run", "task": "T", "task_num": float64(1),
			"task_id": r.TaskID().String(), "instance": float64(1),
			"instance_id": id.String(),
			"detail":      "trigger=System(SmsReceived)",
		}))
		Expect(lines[5]).To(Equal(`{"at":"+00:00:00.000","at_ns":0,"kind":"register_failed","task":"Bad","error":"InvalidFreshness","hresult":"0x80070057","detail":"detail=\"TimeTrigger freshness 5m is under the 15-minute minimum\""}`))
		Expect(s.Trace()).To(BeNil())
	})

	It("JSON escapes names so any string stays valid JSON and round-trips", func() {
		name := "quote\" back\\ nl\n tab\t ctl\x01 é 😀"
		rec := simulator.Record{At: 90 * time.Minute, Kind: simulator.KindLog, Task: name, Detail: "msg=\"x\""}
		b := rec.AppendJSON(nil)
		Expect(json.Valid(b)).To(BeTrue(), string(b))
		var m map[string]any
		Expect(json.Unmarshal(b, &m)).To(Succeed())
		Expect(m["task"]).To(Equal(name))
		Expect(m["at_ns"]).To(Equal(float64(90 * time.Minute)))
		bad := simulator.Record{Kind: simulator.KindLog, Task: "a\xffb"}
		Expect(json.Valid(bad.AppendJSON(nil))).To(BeTrue())
	})

	It("TextSink streams text lines and keeps the first write error, skipping later records", func() {
		w := &failingWriter{n: 1}
		sink := &simulator.TextSink{W: w}
		s := newSim(simulator.Config{Sink: sink})
		s.register("T", sms())
		s.raiseSMS()
		Expect(w.buf.String()).To(Equal("+00:00:00.000 register  T task=1 trigger=System(SmsReceived) entry_point=Tasks.All\n"))
		Expect(sink.Err).To(MatchError("disk full"))
	})

	It("CountingSink counts records by kind; Tee hands each record to every sink in order", func() {
		counter := &simulator.CountingSink{}
		buffer := &simulator.TraceBuffer{}
		var text bytes.Buffer
		s := newSim(simulator.Config{Sink: simulator.Tee{counter, buffer, &simulator.TextSink{W: &text}}})
		s.register("T", sms())
		s.raiseSMS()
		s.raiseSMS()
		Expect(counter.Total).To(Equal(9))
		Expect(counter.ByKind[simulator.KindRun]).To(Equal(2))
		Expect(counter.ByKind[simulator.KindEvent]).To(Equal(2))
		Expect(counter.ByKind[simulator.KindRegister]).To(Equal(1))
		Expect(buffer.Records()).To(HaveLen(9))
		Expect(text.String()).To(Equal(buffer.Text()))
	})

	It("every record kind has a name that parses back", func() {
		kinds := simulator.RecordKinds()
		Expect(kinds).To(HaveLen(23))
		for _, k := range kinds {
			back, err := simulator.ParseRecordKind(k.String())
			Expect(err).NotTo(HaveOccurred())
			Expect(back).To(Equal(k))
		}
	})
})
