package simulator_test

import (
	"errors"
	"fmt"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// countingGate is a Gate that counts how often it was locked and checks it is never re-entered.
type countingGate struct {
	held  bool
	locks int
}

func (g *countingGate) Lock() {
	Expect(g.held).To(BeFalse(), "the gate was locked while held")
	g.held = true
	g.locks++
}

func (g *countingGate) Unlock() {
	Expect(g.held).To(BeTrue(), "the gate was unlocked while not held")
	g.held = false
}

var _ = Describe("Instance.Fail, OnFinished and the Gate", func() {
	var (
		s       *sim
		results []error
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		results = nil
	})
	register := func(name string) *simulator.Registration {
		r := s.register(name, sms())
		r.OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) {
			results = append(results, a.CheckResult())
		})
		return r
	}

	It("completes the instance with an error carrying the text, like a panic, and loses its queued work", func() {
		s.behave["T"] = func(in *simulator.Instance) {
			in.GetDeferral()
			in.AfterFunc(time.Hour, func() { in.Log("never") })
			in.AfterFunc(time.Second, func() { in.Fail(errors.New("sync failed: 503")) })
		}
		register("T")
		s.raiseSMS()
		s.RunFor(2 * time.Hour)
		Expect(s.lines(simulator.KindTaskError, simulator.KindWorkLost, simulator.KindCompleted, simulator.KindLog)).To(Equal([]string{
			`+00:00:01.000 task_error T task=1 instance=1 msg="sync failed: 503"`,
			`+00:00:01.000 work_lost T task=1 instance=1 callbacks=1`,
			`+00:00:01.000 completed T task=1 instance=1 result=error`,
		}))
		Expect(results).To(HaveLen(1))
		Expect(results[0]).To(MatchError(simulator.ErrTaskFailed))
		Expect(results[0].Error()).To(HaveSuffix(": sync failed: 503"))
	})

	It("wraps the error Fail was given, so that errors.Is and errors.As find it in CheckResult", func() {
		errServer := &serverError{code: 503}
		s.behave["T"] = func(in *simulator.Instance) { in.Fail(fmt.Errorf("sync: %w", errServer)) }
		register("T")
		s.raiseSMS()
		Expect(results).To(HaveLen(1))
		Expect(results[0]).To(MatchError(simulator.ErrTaskFailed))
		Expect(errors.Is(results[0], errServer)).To(BeTrue())
		var se *serverError
		Expect(errors.As(results[0], &se)).To(BeTrue())
		Expect(se.code).To(Equal(503))
	})

	It("fails with \"task failed\" for a nil error, and does nothing once the instance has finished", func() {
		var got *simulator.Instance
		s.behave["T"] = func(in *simulator.Instance) { got = in; in.Fail(nil) }
		register("T")
		s.raiseSMS()
		got.Fail(errors.New("again"))
		Expect(s.lines(simulator.KindTaskError)).To(Equal([]string{`+00:00:00.000 task_error T task=1 instance=1 msg="task failed"`}))
		Expect(results).To(HaveLen(1))
	})

	It("calls OnFinished once, after delivery, for a completion, a failure and a termination", func() {
		var order []string
		s.Trace() // records go to the buffer
		s.behave["ok"] = func(in *simulator.Instance) {
			in.OnFinished(func(in *simulator.Instance) { order = append(order, "ok finished="+boolText(in.Finished())) })
		}
		s.behave["hang"] = func(in *simulator.Instance) {
			in.GetDeferral()
			in.OnFinished(func(*simulator.Instance) { order = append(order, "hang") })
		}
		register("ok").OnCompleted(func(*simulator.Registration, simulator.CompletedEventArgs) { order = append(order, "ok delivered") })
		register("hang")
		s.raiseSMS()
		n, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "hang"})
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(1))
		s.RunFor(time.Minute)
		Expect(order).To(Equal([]string{"ok delivered", "ok finished=true", "hang"}))
	})

	It("calls OnFinished at once on an instance that has already finished", func() {
		var got *simulator.Instance
		s.behave["T"] = func(in *simulator.Instance) { got = in }
		register("T")
		s.raiseSMS()
		calls := 0
		got.OnFinished(func(*simulator.Instance) { calls++ })
		Expect(calls).To(Equal(1))
	})

	It("makes Log a no-op once the instance has finished: its host is gone", func() {
		var got *simulator.Instance
		s.behave["T"] = func(in *simulator.Instance) { got = in; in.Log("running") }
		register("T")
		s.raiseSMS()
		got.Log("after")
		Expect(s.lines(simulator.KindLog)).To(Equal([]string{`+00:00:00.000 log       T task=1 instance=1 msg=running`}))
	})

	It("locks the Gate around every Instance, Deferral and Timer call, and never for the engine's own work", func() {
		g := &countingGate{}
		s = newSim(simulator.Config{Gate: g})
		s.behave["T"] = func(in *simulator.Instance) {
			d := in.GetDeferral()                                                     // 1
			t := in.AfterFunc(time.Second, func() {})                                 // 2
			t.Stop()                                                                  // 3
			in.SetProgress(10)                                                        // 4
			_, _, _, _ = in.Progress(), in.Canceled(), in.Finished(), in.Now()        // 5-8
			in.OnCanceled(func(*simulator.Instance, simulator.CancellationReason) {}) // 9
			in.OnFinished(func(*simulator.Instance) {})                               // 10
			in.Log("x")                                                               // 11
			d.Complete()                                                              // 12
		}
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Hour)
		Expect(g.locks).To(Equal(12))
		Expect(g.held).To(BeFalse())
	})
})

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

type serverError struct{ code int }

func (e *serverError) Error() string { return fmt.Sprintf("server said %d", e.code) }
