package simulator_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// ExampleEngine is the quickstart of the package doc and of the scenario format (package
// scenarios): a task on TimeZoneChange with a UserPresent condition. The first change runs it at once; the second comes
// while the user is away, so it latches and runs when the user is back (docs/windows-model.md#system-triggers, #conditions).
func ExampleEngine() {
	m, err := manifest.New("quickstart.appxmanifest", manifest.Declaration{
		EntryPoint: "Tasks.ExampleBackgroundTask",
		TaskTypes:  []manifest.TaskType{manifest.SystemEvent},
	})
	if err != nil {
		panic(err)
	}
	e, err := simulator.New(simulator.Config{
		Manifest: m,
		Tasks: map[string]simulator.TaskFactory{
			"Tasks.ExampleBackgroundTask": func() simulator.Task {
				return simulator.TaskFunc(func(in *simulator.Instance) {
					d := in.GetDeferral()
					in.AfterFunc(2*time.Second, func() { in.SetProgress(50) })
					in.AfterFunc(5*time.Second, d.Complete)
				})
			},
		},
	})
	if err != nil {
		panic(err)
	}

	b := e.NewBackgroundTaskBuilder()
	b.Name = "ExampleBackgroundTask"
	b.TaskEntryPoint = "Tasks.ExampleBackgroundTask"
	b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
	b.AddCondition(simulator.ConditionUserPresent)
	b.MustRegister()

	e.At(10*time.Minute, func() { _ = e.SetTimeZone("America/New_York") })
	e.At(20*time.Minute, func() { e.SetUser(simulator.UserAway) })
	e.At(30*time.Minute, func() { _ = e.SetTimeZone("Asia/Tokyo") })
	e.At(40*time.Minute, func() { e.SetUser(simulator.UserPresent) })
	e.RunFor(time.Hour)

	fmt.Print(e.Trace().Text())
	// Output:
	// +00:00:00.000 register  ExampleBackgroundTask task=1 trigger=System(TimeZoneChange) conditions=UserPresent entry_point=Tasks.ExampleBackgroundTask
	// +00:10:00.000 device    time_zone=America/New_York offset=-05:00
	// +00:10:00.000 event     TimeZoneChange
	// +00:10:00.000 run       ExampleBackgroundTask task=1 instance=1 trigger=System(TimeZoneChange)
	// +00:10:00.000 deferral  ExampleBackgroundTask task=1 instance=1 deferral=1
	// +00:10:02.000 progress  ExampleBackgroundTask task=1 instance=1 value=50
	// +00:10:02.000 progress_delivered ExampleBackgroundTask task=1 instance=1 value=50
	// +00:10:05.000 deferral_completed ExampleBackgroundTask task=1 instance=1 deferral=1
	// +00:10:05.000 completed ExampleBackgroundTask task=1 instance=1 result=ok
	// +00:10:05.000 delivered ExampleBackgroundTask task=1 instance=1 result=ok
	// +00:20:00.000 device    user=away
	// +00:20:00.000 event     UserAway
	// +00:30:00.000 device    time_zone=Asia/Tokyo offset=+09:00
	// +00:30:00.000 event     TimeZoneChange
	// +00:30:00.000 latched   ExampleBackgroundTask task=1 waiting=UserPresent pending=1
	// +00:40:00.000 device    user=present
	// +00:40:00.000 event     UserPresent
	// +00:40:00.000 run       ExampleBackgroundTask task=1 instance=2 trigger=System(TimeZoneChange)
	// +00:40:00.000 deferral  ExampleBackgroundTask task=1 instance=2 deferral=1
	// +00:40:02.000 progress  ExampleBackgroundTask task=1 instance=2 value=50
	// +00:40:02.000 progress_delivered ExampleBackgroundTask task=1 instance=2 value=50
	// +00:40:05.000 deferral_completed ExampleBackgroundTask task=1 instance=2 deferral=1
	// +00:40:05.000 completed ExampleBackgroundTask task=1 instance=2 result=ok
	// +00:40:05.000 delivered ExampleBackgroundTask task=1 instance=2 result=ok
}

// ExampleBackgroundTaskBuilder_Register shows a registration Windows refuses (docs/windows-model.md#registration-errors): the error
// carries a code and an HRESULT, matches its Err* sentinel, and is a register_failed record.
func ExampleBackgroundTaskBuilder_Register() {
	e, _ := simulator.New(simulator.Config{})
	b := e.NewBackgroundTaskBuilder()
	b.Name = "Poll"
	b.SetTrigger(simulator.NewTimeTrigger(10, false))
	_, err := b.Register()

	var re *simulator.RegisterError
	fmt.Println(errors.Is(err, simulator.ErrInvalidFreshness), errors.As(err, &re), fmt.Sprintf("0x%08X", re.HResult))
	fmt.Print(e.Trace().Text())
	// Output:
	// true true 0x80070057
	// +00:00:00.000 register_failed Poll error=InvalidFreshness hresult=0x80070057 detail="TimeTrigger freshness 10m is under the 15-minute minimum"
}

// ExampleEngine_RunFor shows time skipping (docs/windows-model.md#time-triggers): a day of a 25-minute TimeTrigger, without
// sleeping, runs on the 15-minute grid at 30, 60, 90 … minutes.
func ExampleEngine_RunFor() {
	e, _ := simulator.New(simulator.Config{})
	b := e.NewBackgroundTaskBuilder()
	b.Name = "Sync"
	b.SetTrigger(simulator.NewTimeTrigger(25, false))
	b.MustRegister()
	e.RunFor(24 * time.Hour)

	runs := 0
	for _, r := range e.Trace().Records() {
		if r.Kind == simulator.KindRun {
			if runs < 3 {
				fmt.Println(simulator.FormatOffset(r.At))
			}
			runs++
		}
	}
	fmt.Println(runs, "runs; clock at", e.Elapsed())
	// Output:
	// +00:30:00.000
	// +01:00:00.000
	// +01:30:00.000
	// 48 runs; clock at 24h0m0s
}

// ExampleEngine_InjectFault shows an injected policy cancel and the in-process rule (docs/windows-model.md#in-process-cancellation): two
// in-process tasks never complete their deferrals; a fault cancels Victim with SystemPolicy, and
// when its 5 s grace runs out the app process is terminated, taking Slow with it before Slow
// would have met its 30 s wall-clock limit (docs/windows-model.md#wall-clock-limits).
func ExampleEngine_InjectFault() {
	e, _ := simulator.New(simulator.Config{App: simulator.AppConfig{
		OnBackgroundActivated: func(in *simulator.Instance) { in.GetDeferral() },
	}})
	for _, name := range []string{"Slow", "Victim"} {
		b := e.NewBackgroundTaskBuilder()
		b.Name = name
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		b.MustRegister()
	}
	e.SetUser(simulator.UserAway)
	e.RunFor(10 * time.Second)
	e.InjectFault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "Victim", Reason: simulator.ReasonSystemPolicy})
	e.RunFor(time.Minute)
	for _, r := range e.Trace().Records() {
		if r.Kind == simulator.KindCanceled || r.Kind == simulator.KindTerminated || r.Kind == simulator.KindApp {
			fmt.Println(r.String())
		}
	}
	// Output:
	// +00:00:10.000 canceled  Victim task=2 instance=2 reason=SystemPolicy
	// +00:00:15.000 app       terminate cause=cancel_grace_expired state=terminated
	// +00:00:15.000 terminated Victim task=2 instance=2 cause=cancel_grace_expired
	// +00:00:15.000 terminated Slow task=1 instance=1 cause=app_process_terminated
}

// ExampleEngine_RequestAccess shows docs/windows-model.md#background-access: an app that never requested access cannot register
// until it calls RequestAccessAsync.
func ExampleEngine_RequestAccess() {
	e, _ := simulator.New(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessNotRequested}})
	b := e.NewBackgroundTaskBuilder()
	b.Name = "Sync"
	b.SetTrigger(simulator.NewTimeTrigger(15, false))
	_, err := b.Register()
	fmt.Println(errors.Is(err, simulator.ErrAccessDenied))
	fmt.Println(e.RequestAccess())
	_, err = b.Register()
	fmt.Println(err)
	// Output:
	// true
	// AllowedSubjectToSystemPolicy
	// <nil>
}

// NewTimeTrigger takes whole minutes, as the Windows constructor does; the struct literal takes a
// time.Duration. Both build the same trigger.
func ExampleNewTimeTrigger() {
	a := simulator.NewTimeTrigger(15, false)
	b := &simulator.TimeTrigger{Freshness: 15 * time.Minute}
	fmt.Println(a, b, *a == *b)
	// Output: Time(15m) Time(15m) true
}
