package simulator_test

import (
	"fmt"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// blockingSink is a Sink that, on its first record, says so on inside and then waits for goOn:
// the engine's goroutine is then parked inside the engine's own code, for as long as a spec
// needs. Every hand-over is a channel operation, so the specs are ordered (and race-free under
// -race) even though two goroutines touch the engine.
type blockingSink struct {
	inside, goOn chan struct{}
	once         bool
}

func newBlockingSink() *blockingSink {
	return &blockingSink{inside: make(chan struct{}), goOn: make(chan struct{})}
}

func (s *blockingSink) Record(*simulator.Record) {
	if !s.once {
		s.once = true
		close(s.inside)
		<-s.goOn
	}
}

// catch runs f on a new goroutine and delivers what it panicked with (nil if it returned).
func catch(f func()) <-chan any {
	out := make(chan any, 1)
	go func() {
		defer func() { out <- recover() }()
		f()
	}()
	return out
}

// concurrentUse matches a *ConcurrentUseError naming what.
func concurrentUse(what string) OmegaMatcher {
	return And(
		BeAssignableToTypeOf(&simulator.ConcurrentUseError{}),
		WithTransform(func(err *simulator.ConcurrentUseError) string { return err.What }, Equal(what)),
		WithTransform(func(err *simulator.ConcurrentUseError) string { return err.Error() },
			ContainSubstring("used from two goroutines at once")),
	)
}

var _ = Describe("The owner check: one goroutine drives an engine", func() {
	It("panics in a second goroutine that calls in while the engine runs its own code, and changes nothing", func() {
		sink := newBlockingSink()
		s := newSim(simulator.Config{Sink: sink})
		first := catch(func() { s.SetNetwork(simulator.NetworkNone) })
		<-sink.inside

		second := <-catch(func() { s.SetPower(simulator.PowerBattery) })
		Expect(second).To(concurrentUse("Engine.SetPower"))
		Expect(second.(error).Error()).To(HavePrefix("simulator: Engine.SetPower found another goroutine inside the engine"))

		close(sink.goOn)
		Expect(<-first).To(BeNil())
		Expect(s.Device().Power).To(Equal(simulator.PowerAC), "the refused call changed nothing")
		Expect(s.Device().Network).To(Equal(simulator.NetworkNone))
		s.SetPower(simulator.PowerBattery)
		Expect(s.Device().Power).To(Equal(simulator.PowerBattery), "the engine is usable once the first call returned")
	})

	It("catches task code's calls from a goroutine of its own (a Deferral completed off the engine goroutine)", func() {
		sink := newBlockingSink()
		s := newSim(simulator.Config{Sink: sink})
		var d *simulator.Deferral
		s.behave["t"] = func(in *simulator.Instance) { d = in.GetDeferral() }
		sink.once = true // let the registration and the run through
		s.register("t", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerUserAway})
		s.SetUser(simulator.UserAway)
		Expect(d).NotTo(BeNil())

		sink.once = false
		first := catch(func() { s.SetNetwork(simulator.NetworkNone) })
		<-sink.inside
		Expect(<-catch(d.Complete)).To(concurrentUse("Deferral.Complete"))
		close(sink.goOn)
		Expect(<-first).To(BeNil())
	})

	It("catches user code returning while a second goroutine is inside the engine", func() {
		sink := newBlockingSink()
		s := newSim(simulator.Config{Sink: sink})
		inAction, secondIn := make(chan struct{}), make(chan struct{})
		s.At(time.Second, func() {
			close(inAction)
			<-secondIn
		})
		first := catch(func() { s.RunFor(time.Minute) })
		<-inAction
		second := catch(func() { s.SetNetwork(simulator.NetworkNone) }) // looks nested: the owner runs user code
		<-sink.inside
		close(secondIn)
		Expect(<-first).To(concurrentUse("returning from user code"))
		close(sink.goOn)
		Expect(<-second).To(concurrentUse("returning from a call"))
	})

	It("panics when a Sink calls back into the engine, and names the call", func() {
		var e *simulator.Engine
		var err error
		e, err = simulator.New(simulator.Config{Sink: sinkFunc(func(*simulator.Record) { e.SetUser(simulator.UserAway) })})
		Expect(err).NotTo(HaveOccurred())
		Expect(func() { e.SetNetwork(simulator.NetworkNone) }).To(PanicWith(concurrentUse("Engine.SetUser")))
	})

	It("lets task code, Completed handlers and At functions call back in, nested", func() {
		s := newSim(simulator.Config{})
		var inner *simulator.Registration
		s.behave["outer"] = func(in *simulator.Instance) {
			b := in.NewBackgroundTaskBuilder()
			b.Name, b.TaskEntryPoint = "inner", epAll
			b.SetTrigger(&simulator.SystemTrigger{TriggerType: simulator.SystemTriggerNetworkStateChange})
			var err error
			inner, err = in.Register(b)
			Expect(err).NotTo(HaveOccurred())
			d := in.GetDeferral()
			in.AfterFunc(time.Second, func() {
				s.SetNetwork(simulator.NetworkNone)
				d.Complete()
			})
		}
		outer := s.register("outer", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerUserAway})
		outer.OnCompleted(func(r *simulator.Registration, _ simulator.CompletedEventArgs) { r.Unregister(false) })
		s.At(time.Minute, func() { s.SetUser(simulator.UserAway) })
		s.RunFor(time.Hour)
		Expect(s.runAt("inner")).To(Equal([]time.Duration{time.Minute + time.Second}))
		Expect(outer.Unregistered()).To(BeTrue())
		Expect(inner.Unregistered()).To(BeFalse())
	})

	It("releases Config.Gate when a gated call is refused, so the gate's owner is not left locked", func() {
		sink := newBlockingSink()
		var gate sync.Mutex
		s := newSim(simulator.Config{Sink: sink, Gate: &gate})
		var d *simulator.Deferral
		var in *simulator.Instance
		s.behave["t"] = func(i *simulator.Instance) { in, d = i, i.GetDeferral() }
		sink.once = true
		s.register("t", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerUserAway})
		s.SetUser(simulator.UserAway)

		sink.once = false
		first := catch(func() { s.SetNetwork(simulator.NetworkNone) })
		<-sink.inside
		Expect(<-catch(d.Complete)).To(concurrentUse("Deferral.Complete"))
		Expect(gate.TryLock()).To(BeTrue(), "the refused call unlocked the gate")
		gate.Unlock()
		close(sink.goOn)
		Expect(<-first).To(BeNil())
		d.Complete()
		Expect(in.Finished()).To(BeTrue(), "the owner's own call goes through the gate")
	})

	It("runs the engine's own deferred work as engine code: a Sink calling back during LaunchApp's deliveries is caught", func() {
		var e *simulator.Engine
		calledBack := false
		s := newSim(simulator.Config{
			Policy: simulator.Policy{DeliverAfterRelaunch: true},
			Sink: sinkFunc(func(r *simulator.Record) {
				if r.Kind == simulator.KindDelivered && !calledBack {
					calledBack = true
					e.SetUser(simulator.UserAway)
				}
			}),
		})
		e = s.Engine
		s.register("t", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerSmsReceived})
		s.TerminateApp()
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
		s.RunFor(time.Minute)
		s.LaunchApp()
		Expect(func() { s.RunFor(0) }).To(PanicWith(concurrentUse("Engine.SetUser")))
	})

	It("lets task factories and OnFinished callbacks call back in: they are user code", func() {
		var e *simulator.Engine
		var scheduled []string
		factory := func() simulator.Task {
			e.At(e.Elapsed()+time.Second, func() { scheduled = append(scheduled, "from the factory") })
			return simulator.TaskFunc(func(in *simulator.Instance) {})
		}
		var err error
		e, err = simulator.New(simulator.Config{Manifest: testManifest(), Tasks: map[string]simulator.TaskFactory{epAll: factory}})
		Expect(err).NotTo(HaveOccurred())
		b := e.NewBackgroundTaskBuilder()
		b.Name, b.TaskEntryPoint = "t", epAll
		b.SetTrigger(&simulator.SystemTrigger{TriggerType: simulator.SystemTriggerSmsReceived})
		b.MustRegister()
		Expect(e.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
		e.RunFor(time.Minute)
		Expect(scheduled).To(Equal([]string{"from the factory"}))

		var done *simulator.Instance

		e2 := newSim(simulator.Config{})
		e2.behave["t"] = func(in *simulator.Instance) { done = in }
		e2.register("t", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerSmsReceived})
		Expect(e2.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
		Expect(done.Finished()).To(BeTrue())
		ran := false
		done.OnFinished(func(*simulator.Instance) {
			e2.At(e2.Elapsed(), func() { ran = true }) // already finished: called at once, as user code
		})
		e2.RunFor(0)
		Expect(ran).To(BeTrue())
	})

	It("runs the user's code that formats a failure as user code: Error methods and panic values may call back in", func() {
		s := newSim(simulator.Config{})
		s.behave["fail"] = func(in *simulator.Instance) {
			in.GetDeferral()
			in.Fail(errorFunc(func() string { return fmt.Sprintf("failed at progress %d", in.Progress()) }))
		}
		s.behave["panic"] = func(in *simulator.Instance) {
			panic(stringerFunc(func() string { return fmt.Sprintf("boom at progress %d", in.Progress()) }))
		}
		s.register("fail", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerSmsReceived})
		s.register("panic", &simulator.SystemTrigger{TriggerType: simulator.SystemTriggerSmsReceived})
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
		Expect(s.lines(simulator.KindTaskError)).To(Equal([]string{
			`+00:00:00.000 task_error fail task=1 instance=1 msg="failed at progress 0"`,
			`+00:00:00.000 task_error panic task=2 instance=2 msg="panic in Run: boom at progress 0"`,
		}))
	})

	It("leaves the engine usable after a panic passes out of it", func() {
		s := newSim(simulator.Config{})
		s.At(time.Second, func() { panic("boom") })
		Expect(func() { s.RunFor(time.Minute) }).To(PanicWith("boom"))
		Expect(func() { s.SetNetwork(simulator.NetworkLevel(99)) }).To(Panic())
		s.SetNetwork(simulator.NetworkNone)
		s.RunFor(time.Minute)
		Expect(s.Device().Network).To(Equal(simulator.NetworkNone))
	})
})

type sinkFunc func(*simulator.Record)

func (f sinkFunc) Record(r *simulator.Record) { f(r) }

type errorFunc func() string

func (f errorFunc) Error() string { return f() }

type stringerFunc func() string

func (f stringerFunc) String() string { return f() }
