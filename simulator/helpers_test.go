package simulator_test

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// Entry points of the test manifest. epAll declares every task type the engine's triggers need;
// the others declare one type each, for the manifest rules of docs/windows-model.md#registration-rules.
const (
	epAll     = "Tasks.All"     // systemEvent, timer, general, pushNotification, location, mediaProcessing, controlChannel, deviceUse, deviceServicing
	epTimer   = "Tasks.Timer"   // timer only
	epSystem  = "Tasks.System"  // systemEvent only
	epGeneral = "Tasks.General" // general only
)

// testManifest declares the test entry points, built in code as the manifest package allows.
func testManifest() *manifest.Manifest {
	m, err := manifest.New("test.appxmanifest",
		manifest.Declaration{EntryPoint: epAll, TaskTypes: []manifest.TaskType{manifest.SystemEvent, manifest.Timer, manifest.General, manifest.PushNotification,
			manifest.Location, manifest.MediaProcessing, manifest.ControlChannel,
			manifest.DeviceUse, manifest.DeviceServicing}},
		manifest.Declaration{EntryPoint: epTimer, TaskTypes: []manifest.TaskType{manifest.Timer}},
		manifest.Declaration{EntryPoint: epSystem, TaskTypes: []manifest.TaskType{manifest.SystemEvent}},
		manifest.Declaration{EntryPoint: epGeneral, TaskTypes: []manifest.TaskType{manifest.General}},
	)
	Expect(err).NotTo(HaveOccurred())
	return m
}

// sim is a test world: an engine whose declared entry points all run one Go task, which calls the
// behaviour set for the registration's name (none: Run returns at once).
type sim struct {
	*simulator.Engine
	behave map[string]func(*simulator.Instance)
	runs   int // Run calls, whatever the registration
}

// newSim builds a sim from cfg; a nil Manifest or Tasks gets the test ones.
func newSim(cfg simulator.Config) *sim {
	s := &sim{behave: map[string]func(*simulator.Instance){}}
	if cfg.Manifest == nil {
		cfg.Manifest = testManifest()
	}
	if cfg.Tasks == nil {
		factory := func() simulator.Task { return simulator.TaskFunc(s.run) }
		cfg.Tasks = map[string]simulator.TaskFactory{epAll: factory, epTimer: factory, epSystem: factory, epGeneral: factory}
	}
	e, err := simulator.New(cfg)
	Expect(err).NotTo(HaveOccurred())
	s.Engine = e
	return s
}

func (s *sim) run(in *simulator.Instance) {
	s.runs++
	if f := s.behave[in.Task().Name()]; f != nil {
		f(in)
	}
}

// builder returns a builder for an out-of-process task on epAll.
func (s *sim) builder(name string, t simulator.Trigger, conds ...simulator.SystemConditionType) *simulator.BackgroundTaskBuilder {
	b := s.NewBackgroundTaskBuilder()
	b.Name = name
	b.TaskEntryPoint = epAll
	if t != nil {
		b.SetTrigger(t)
	}
	for _, c := range conds {
		b.AddCondition(c)
	}
	return b
}

// register registers name on epAll and expects success.
func (s *sim) register(name string, t simulator.Trigger, conds ...simulator.SystemConditionType) *simulator.Registration {
	r, err := s.builder(name, t, conds...).Register()
	Expect(err).NotTo(HaveOccurred())
	return r
}

// deferring makes name's task take a deferral and complete it d later.
func (s *sim) deferring(name string, d time.Duration) {
	s.behave[name] = func(in *simulator.Instance) {
		def := in.GetDeferral()
		in.AfterFunc(d, def.Complete)
	}
}

// hanging makes name's task take a deferral it never completes, and returns where its instances go.
func (s *sim) hanging(name string) *[]*simulator.Instance {
	var ins []*simulator.Instance
	s.behave[name] = func(in *simulator.Instance) {
		in.GetDeferral()
		ins = append(ins, in)
	}
	return &ins
}

// records returns the trace records of the given kinds (all when none is given).
func (s *sim) records(kinds ...simulator.RecordKind) []simulator.Record {
	var out []simulator.Record
	for _, r := range s.Trace().Records() {
		if len(kinds) == 0 || hasKind(kinds, r.Kind) {
			out = append(out, r)
		}
	}
	return out
}

func hasKind(kinds []simulator.RecordKind, k simulator.RecordKind) bool {
	for _, have := range kinds {
		if have == k {
			return true
		}
	}
	return false
}

// lines returns the text lines of the records of the given kinds (all when none is given).
func (s *sim) lines(kinds ...simulator.RecordKind) []string {
	recs := s.records(kinds...)
	out := make([]string, len(recs))
	for i := range recs {
		out[i] = recs[i].String()
	}
	return out
}

// runAt returns the offsets at which name's instances started.
func (s *sim) runAt(name string) []time.Duration {
	var out []time.Duration
	for _, r := range s.records(simulator.KindRun) {
		if r.Task == name {
			out = append(out, r.At)
		}
	}
	return out
}

// count returns how many records of kind name has.
func (s *sim) count(kind simulator.RecordKind, name string) int {
	n := 0
	for _, r := range s.records(kind) {
		if r.Task == name {
			n++
		}
	}
	return n
}

// mins is a shorthand for a list of minute offsets.
func mins(ms ...int) []time.Duration {
	out := make([]time.Duration, len(ms))
	for i, m := range ms {
		out[i] = time.Duration(m) * time.Minute
	}
	return out
}

// goroutineID returns the current goroutine's id, parsed from its stack header.
func goroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _, _ := strings.Cut(string(buf), " ")
	n, err := strconv.ParseUint(id, 10, 64)
	Expect(err).NotTo(HaveOccurred())
	return n
}

// sms returns a SystemTrigger on SmsReceived, an event that carries no device state.
func sms() *simulator.SystemTrigger {
	return simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false)
}

// raiseSMS raises SmsReceived and expects it to be accepted.
func (s *sim) raiseSMS() {
	Expect(s.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
}
