package simulator_test

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// panicSite is where a fuzzed task panics.
type panicSite uint8

const (
	panicNowhere panicSite = iota
	panicInRun
	panicInWork
	panicInCanceled
)

// fuzzDelays are the delays a fuzzed task's work is scheduled after: around the default 5 s
// cancel grace, and longer than a tick. Every deferral is completed by work, so every instance
// ends within 2 × the longest delay, and the final drain of FuzzEngine can wait for it.
var fuzzDelays = [...]time.Duration{0, time.Second, 3 * time.Second, 5 * time.Second,
	6 * time.Second, time.Minute, 20 * time.Minute, 2 * time.Hour}

// taskBehaviour is what a fuzzed registration's task and app handlers do, decoded from two bytes.
type taskBehaviour struct {
	deferrals      int           // deferrals taken in Run, 0 to 2
	delay          time.Duration // deferral i is completed by work after (i+1) × delay
	progress       bool          // SetProgress in Run and in the work
	ignoreCancel   bool          // the Canceled handler does not complete the deferrals; a socket task keeps its socket
	panicAt        panicSite     // where the task panics
	unregisterSelf bool          // Run unregisters its own registration (cancel = ignoreCancel)
	signal         bool          // Run calls ApplicationTrigger.RequestAsync
	callAPI        bool          // Run calls the API from task code: RemoveAccess, RequestAccess, Register, signal
	panicCompleted bool          // the app's Completed handler panics
	panicProgress  bool          // the app's Progress handler panics
}

func decodeBehaviour(in *fuzzInput) taskBehaviour {
	a, b := in.byte(), in.byte()
	return taskBehaviour{
		deferrals:      int(a&3) % 3,
		progress:       a&4 != 0,
		ignoreCancel:   a&8 != 0,
		panicAt:        panicSite(a>>4&3) * panicSite(a>>6&1), // panics in about 3 tasks of 8
		delay:          fuzzDelays[b&7],
		panicCompleted: b&8 != 0 && b&16 != 0,
		panicProgress:  b&32 != 0 && b&16 != 0,
		unregisterSelf: b>>6 == 3,
		signal:         b>>6 == 2,
		callAPI:        b>>6 == 1,
	}
}

// run is the task code: Run of every fuzzed entry point and of the in-process handlers.
func (w *fuzzWorld) run(in *simulator.Instance) {
	b := w.behaviours[in.Task()]
	var ds []*simulator.Deferral
	in.OnCanceled(func(_ *simulator.Instance, _ simulator.CancellationReason) {
		if b.panicAt == panicInCanceled {
			panic("fuzz: Canceled handler")
		}
		if !b.ignoreCancel {
			for _, d := range ds {
				d.Complete()
			}
		}
	})
	for range b.deferrals {
		ds = append(ds, in.GetDeferral())
	}
	if b.progress {
		in.SetProgress(10)
	}
	// A socket activity task that heeds cancellation gives its socket back: just before its last
	// deferral is completed, or in Run without deferrals; one that ignores it keeps the socket.
	if sd, ok := in.TriggerDetails().(*simulator.SocketActivityTriggerDetails); ok && !b.ignoreCancel {
		if n := len(ds); n > 0 {
			in.AfterFunc(time.Duration(n)*b.delay, func() { in.TransferOwnership(sd.SocketInformation.ID) })
		} else {
			in.TransferOwnership(sd.SocketInformation.ID)
		}
	}
	for i, d := range ds {
		in.AfterFunc(time.Duration(i+1)*b.delay, func() {
			if b.panicAt == panicInWork && i == 0 {
				panic("fuzz: scheduled work")
			}
			if b.progress {
				in.SetProgress(uint32(50 * (i + 1)))
			}
			d.Complete()
		})
	}
	if len(ds) == 0 && b.delay > 0 {
		in.AfterFunc(b.delay, func() { in.Log("work after Run returned") }) // lost: work_lost
	}
	if b.unregisterSelf {
		in.Task().Unregister(b.ignoreCancel)
	}
	if b.signal {
		w.e.RequestApplicationTrigger(map[string]string{"from": "task"})
	}
	if b.callAPI {
		w.callAPI(in)
	}
	if b.panicAt == panicInRun {
		panic("fuzz: Run")
	}
}

// callAPI is the update flow run from task code: access removed and requested again, a new
// registration made from the task (kept by the world like any other), and a signal, which
// Windows refuses from a task.
func (w *fuzzWorld) callAPI(in *simulator.Instance) {
	in.RemoveAccess()
	in.RequestAccess()
	if len(w.regs) < fuzzMaxRegistrations {
		b := w.e.NewBackgroundTaskBuilder()
		b.Name, b.TaskEntryPoint = "from-task", "Tasks.All"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		if r, err := in.Register(b); err == nil {
			w.regs = append(w.regs, r)
			w.behaviours[r] = taskBehaviour{}
			w.attachHandlers(r)
		}
	}
	if got := in.RequestApplicationTrigger(nil); got != simulator.SignalDisabledByPolicy && got != simulator.SignalInvalid && w.err == "" {
		w.err = fmt.Sprintf("a signal from task code answered %v", got)
	}
}

// attachHandlers attaches the app's Completed and Progress handlers to r, as an app does at
// registration and again in OnLaunched.
func (w *fuzzWorld) attachHandlers(r *simulator.Registration) {
	b := w.behaviours[r]
	r.OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) {
		_ = a.CheckResult()
		if b.panicCompleted {
			panic("fuzz: Completed handler")
		}
	})
	r.OnProgress(func(*simulator.Registration, simulator.ProgressEventArgs) {
		if b.panicProgress {
			panic("fuzz: Progress handler")
		}
	})
}
