package invariants

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Options tune a Checker.
type Options struct {
	// Render checks that every record renders to a text line and to valid JSON. It costs a JSON
	// encoding and validation per record: FuzzEngine turns it on, explore does not.
	Render bool
	// ExtendedTime says the package declares the extendedBackgroundTaskTime capability, which
	// lifts the limits of an instance that took a deferral in Run.
	ExtendedTime bool
}

// instance is what the Checker has seen of one instance.
type instance struct {
	task        int // registration number
	start       time.Duration
	deferralRun bool // took a deferral at its run instant
	completed   bool
	terminated  bool
	result      simulator.Result
	handedOver  int // delivered + dropped records
	held        bool
	host        string // the shared host its run record names (host=), "" for a host of its own
	seq         int    // the record number of its run record
	application bool   // started by an ApplicationTrigger
}

// task is what the Checker knows of one registration.
type task struct {
	reg          *simulator.Registration // nil without an engine
	runs         int
	unregistered bool
	netRequested bool // IsNetworkRequested, from the register record
}

// Checker checks the rules of the package doc on a record stream. The zero value is not
// usable: call New.
type Checker struct {
	opts      Options
	e         *simulator.Engine
	err       *Violation
	n         int
	last      time.Duration
	instances []instance // index: instance number - 1
	running   int
	updating  int // running instances of the update task (task 0), which no registration counts
	tasks     map[int]*task
	order     []int          // registration numbers in the order first seen
	hostEnded map[string]int // shared host -> record number of its last terminated record
	line      []byte
	scratch   []byte
}

// New returns a Checker. Attach the engine once it exists, before it runs.
func New(opts Options) *Checker {
	return &Checker{opts: opts, tasks: map[int]*task{}, hostEnded: map[string]int{}}
}

// Attach gives the Checker the engine whose records it sees, for the rules that read the
// engine's state. Without it only the rules on the records alone are checked.
func (c *Checker) Attach(e *simulator.Engine) { c.e = e }

// Err returns the first violation, or nil.
func (c *Checker) Err() *Violation { return c.err }

// Running returns how many instances have a run record and no completed record.
func (c *Checker) Running() int { return c.running }

// Last returns the offset of the last record seen.
func (c *Checker) Last() time.Duration { return c.last }

// Records returns how many records the Checker has seen.
func (c *Checker) Records() int { return c.n }

func (c *Checker) failf(rule Rule, r *simulator.Record, format string, args ...any) {
	if c.err != nil {
		return
	}
	v := &Violation{Rule: rule, Msg: fmt.Sprintf(format, args...)}
	if r != nil {
		v.At = r.At
		v.Record = string(r.AppendText(nil))
	} else if c.e != nil {
		v.At = c.e.Elapsed()
	}
	c.err = v
}

// Record implements simulator.Sink.
func (c *Checker) Record(r *simulator.Record) {
	c.n++
	if r.At < c.last {
		c.failf(RuleTimeForward, r, "virtual time went back from %s", simulator.FormatOffset(c.last))
	}
	c.last = r.At
	if c.opts.Render {
		c.render(r)
	}
	switch {
	case r.Kind == simulator.KindRegister:
		c.register(r)
	case r.Kind == simulator.KindUnregister:
		c.taskOf(r.TaskNum).unregistered = true
	case r.Kind == simulator.KindRun:
		c.run(r)
	case r.Kind == simulator.KindSignalResult:
		c.signal(r)
	case r.Instance != 0:
		c.instanceRecord(r)
	}
}

func (c *Checker) render(r *simulator.Record) {
	c.line = r.AppendText(c.line[:0])
	if len(c.line) == 0 || strings.ContainsRune(string(c.line), '\n') {
		c.failf(RuleRender, r, "the text rendering is not one line")
	}
	c.scratch = r.AppendJSON(c.scratch[:0])
	if !json.Valid(c.scratch) {
		c.failf(RuleRender, r, "invalid JSON %s", c.scratch)
	}
}

func (c *Checker) taskOf(num int) *task {
	t := c.tasks[num]
	if t == nil {
		t = &task{}
		c.tasks[num] = t
		c.order = append(c.order, num)
	}
	return t
}

// register finds the new registration in the engine, so later rules can read it.
func (c *Checker) register(r *simulator.Record) {
	t := c.taskOf(r.TaskNum)
	t.netRequested = NetworkRequested(r.Detail)
	if c.e == nil {
		return
	}
	t.reg = RegistrationOf(c.e, r.TaskNum)
	if t.reg != nil {
		t.netRequested = t.reg.IsNetworkRequested()
	}
}

func (c *Checker) run(r *simulator.Record) {
	if r.Instance != len(c.instances)+1 {
		c.failf(RuleInstanceOrder, r, "instance number %d after %d instances", r.Instance, len(c.instances))
		return
	}
	t := c.taskOf(r.TaskNum)
	if t.unregistered {
		c.failf(RuleNoRunAfterUnregister, r, "run of task=%d after its unregistration", r.TaskNum)
	}
	t.runs++
	if t.reg != nil && OneShot(t.reg.Trigger()) && t.runs > 1 {
		c.failf(RuleOneShot, r, "a one-shot trigger ran %d times", t.runs)
	}
	if c.e != nil && t.reg != nil {
		if why := BlockerFor(c.e, t.reg, t.netRequested); why != "" {
			c.failf(RuleRunAllowed, r, "run started while %s forbids it", why)
		}
	}
	in := instance{task: r.TaskNum, start: r.At, host: field(r.Detail, "host="), seq: c.n}
	if t.reg != nil {
		_, in.application = t.reg.Trigger().(*simulator.ApplicationTrigger)
	}
	if in.application && c.applicationRunning() {
		c.failf(RuleOneApplicationTask, r, "an application-triggered instance starts while another runs")
	}
	c.instances = append(c.instances, in)
	c.running++
	if r.TaskNum == 0 {
		c.updating++
	}
}

func (c *Checker) instanceRecord(r *simulator.Record) {
	if r.Instance < 1 || r.Instance > len(c.instances) {
		c.failf(RuleLifecycle, r, "record for instance %d, which never ran", r.Instance)
		return
	}
	in := &c.instances[r.Instance-1]
	if in.task != r.TaskNum {
		c.failf(RuleLifecycle, r, "instance %d belongs to task=%d", r.Instance, in.task)
	}
	switch r.Kind {
	case simulator.KindDelivered, simulator.KindDropped:
		c.handOver(r, in)
		return
	}
	if in.completed {
		c.failf(RuleLifecycle, r, "%v after completed", r.Kind)
		return
	}
	switch r.Kind {
	case simulator.KindDeferral:
		if r.At == in.start {
			in.deferralRun = true
		}
	case simulator.KindTerminated:
		in.terminated = true
		if h := field(r.Detail, "host="); h != "" {
			c.hostEnded[h] = c.n
		}
	case simulator.KindCompleted:
		if in.terminated && r.Result != simulator.ResultError {
			c.failf(RuleLifecycle, r, "a terminated instance completed with %v", r.Result)
		}
		in.completed, in.result = true, r.Result
		c.running--
		if in.task == 0 {
			c.updating--
		}
		c.checkLimit(r, in, r.At)
		if c.e != nil {
			in.held = c.holdsBack()
		}
	}
}

func (c *Checker) handOver(r *simulator.Record, in *instance) {
	if in.task == 0 {
		c.failf(RuleHandOver, r, "the update task's completion %v: it has no registration to deliver to", r.Kind)
		return
	}
	if !in.completed {
		c.failf(RuleLifecycle, r, "%v before completed", r.Kind)
	}
	if in.handedOver++; in.handedOver > 1 {
		c.failf(RuleHandOver, r, "completion handed to the app %d times", in.handedOver)
	}
	if r.Result != in.result {
		c.failf(RuleHandOver, r, "%v result %v, completed with %v", r.Kind, r.Result, in.result)
	}
	if c.e == nil {
		return
	}
	app := c.e.AppState()
	switch {
	case r.Kind == simulator.KindDelivered && app != simulator.AppForeground:
		c.failf(RuleHandOver, r, "delivered while the app is %v", app)
	case r.Kind == simulator.KindDropped && (app == simulator.AppForeground || app == simulator.AppSuspended):
		c.failf(RuleHandOver, r, "dropped while the app is %v", app)
	}
}

// holdsBack reports whether the app's state keeps a completion from being handed over now.
func (c *Checker) holdsBack() bool {
	app := c.e.AppState()
	return app == simulator.AppSuspended || app != simulator.AppForeground && c.e.Policy().DeliverAfterRelaunch
}

// limit is how long an instance of task may run: its trigger class's wall-clock limit plus the
// cancel grace; ok is false when it is not known (no engine) or lifted.
func (c *Checker) limit(in *instance) (time.Duration, bool) {
	t := c.tasks[in.task]
	if c.e == nil || t == nil || t.reg == nil || c.opts.ExtendedTime && in.deferralRun {
		return 0, false
	}
	p := c.e.Policy()
	return p.LimitFor(t.reg.Trigger()) + p.CancelGrace, true
}

func (c *Checker) checkLimit(r *simulator.Record, in *instance, now time.Duration) {
	if max, ok := c.limit(in); ok && now-in.start > max {
		c.failf(RuleLimit, r, "instance ran %s, more than its limit plus grace (%s)", simulator.FormatOffset(now-in.start), simulator.FormatOffset(max))
	}
}

// CheckEngine runs the rules that look at the engine between steps: its clock is not behind
// the last record, every running instance is within its limit plus grace, and the running
// instances the records imply are the ones the registrations report. It returns the first
// violation so far.
func (c *Checker) CheckEngine() *Violation {
	if c.err != nil || c.e == nil {
		return c.err
	}
	now := c.e.Elapsed()
	if now < c.last {
		c.failf(RuleEngineState, nil, "clock at %v, behind the last record at %v", now, c.last)
		return c.err
	}
	c.checkRunning(now)
	c.checkHosts()
	c.checkPower()
	running := 0
	for _, num := range c.order {
		if t := c.tasks[num]; t.reg != nil {
			running += t.reg.Running()
		}
	}
	if running != c.running-c.updating {
		c.failf(RuleEngineState, nil, "registrations report %d running instances, the trace %d", running, c.running-c.updating)
	}
	return c.err
}

func (c *Checker) checkRunning(now time.Duration) {
	for i := range c.instances {
		if in := &c.instances[i]; !in.completed {
			c.checkLimit(nil, in, now)
		}
	}
}

// Final runs the end-of-run rules and returns the first violation: every running instance is
// within its limit plus grace, and every ended instance was handed to the app exactly once
// unless the app's state holds it back. With drained set (everything was unregistered with
// cancel and the engine ran until nothing was left, as FuzzEngine ends), every instance must
// also have ended and been handed over.
func (c *Checker) Final(drained bool) *Violation {
	if c.err != nil {
		return c.err
	}
	if c.e != nil {
		c.checkRunning(c.e.Elapsed())
	}
	for i := range c.instances {
		in := &c.instances[i]
		switch {
		case c.err != nil:
			return c.err
		case !in.completed && drained:
			c.failf(RuleLifecycle, nil, "instance %d never completed", i+1)
		case in.completed && in.task != 0 && in.handedOver != 1 && (drained || !c.held()):
			c.failf(RuleHandOver, nil, "instance %d completed but was handed to the app %d times", i+1, in.handedOver)
		}
	}
	return c.err
}

// held reports whether the app's state at the end still holds completions back.
func (c *Checker) held() bool { return c.e == nil || c.holdsBack() }

// CheckQueue is a rule for harnesses whose tasks always finish through queued work (FuzzEngine's
// do): an instance that is running has an event in the engine's queue. It returns the first
// violation so far.
func (c *Checker) CheckQueue() *Violation {
	if c.err == nil && c.e != nil && c.e.Pending() == 0 && c.running > 0 {
		c.failf(RuleEngineState, nil, "the queue is empty but %d instances are running", c.running)
	}
	return c.err
}
