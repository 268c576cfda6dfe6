package harness

import (
	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// Builder mirrors BackgroundTaskBuilder, line for line with the C#:
//
//	var builder = new BackgroundTaskBuilder();        b := sim.NewBuilder()
//	builder.Name = "ExampleBackgroundTask";           b.Name = "ExampleBackgroundTask"
//	builder.TaskEntryPoint = "Tasks.Example...";      b.TaskEntryPoint = "Tasks.Example..."
//	builder.SetTrigger(new SystemTrigger(...));       b.SetTrigger(simulator.NewSystemTrigger(...))
//	builder.AddCondition(new SystemCondition(...));   b.AddCondition(simulator.ConditionUserPresent)
//	var task = builder.Register();                    task, err := b.Register()
//
// Register happens at the current virtual instant; to register later, schedule the [Register]
// action. The simulation remembers what its builders registered, for [Unregister] by name.
type Builder struct {
	// Name is copied to the registration.
	Name string
	// TaskEntryPoint is "Namespace.Class", declared in the manifest; "" means in-process.
	TaskEntryPoint string
	// CancelOnConditionLoss cancels a running instance with ConditionLoss when a condition stops
	// holding.
	CancelOnConditionLoss bool
	// IsNetworkRequested keeps the network up for the task in connected standby.
	IsNetworkRequested bool
	// TaskGroup puts the registration in a group; nil means ungrouped.
	TaskGroup *simulator.TaskGroup
	// AllowRunningTaskInStandby opts a RegisterWithName registration in to modern standby.
	AllowRunningTaskInStandby bool

	sim        *Simulation
	trigger    simulator.Trigger
	conditions []simulator.SystemConditionType
	clsid      simulator.GUID
}

// NewBuilder returns a builder that registers with s.
func (s *Simulation) NewBuilder() *Builder { return &Builder{sim: s} }

// SetTrigger sets the one trigger (a later call replaces an earlier one).
func (b *Builder) SetTrigger(t simulator.Trigger) { b.trigger = t }

// AddCondition adds a condition; every condition must hold for the task to run.
func (b *Builder) AddCondition(c simulator.SystemConditionType) {
	b.conditions = append(b.conditions, c)
}

// SetTaskEntryPointClsid names a COM class the manifest declares as the task's entry point; its
// Go code is the task registered under simulator.ClsidEntryPoint(clsid).
func (b *Builder) SetTaskEntryPointClsid(clsid simulator.GUID) { b.clsid = clsid }

// Validate reports whether Register would succeed now, registering nothing and writing nothing.
func (b *Builder) Validate() bool { return b.build().Validate() }

// Register registers now. A refusal returns the *simulator.RegisterError and is a
// register_failed record in the trace ([HaveFailedToRegister] asserts on it).
func (b *Builder) Register() (*simulator.Registration, error) { return b.register("", false) }

// MustRegister is Register for spec set-up: it fails the spec (through Gomega, at the caller's
// line) when Windows would refuse the registration. Use Register to assert on a refusal.
func (b *Builder) MustRegister() *simulator.Registration {
	ginkgo.GinkgoHelper()
	r, err := b.Register()
	gomega.Expect(err).NotTo(gomega.HaveOccurred(), "registering %q", b.Name)
	return r
}

// RegisterWithName is the newer Register(taskName): every live registration with that name is
// replaced.
func (b *Builder) RegisterWithName(name string) (*simulator.Registration, error) {
	return b.register(name, true)
}

// build returns the engine's builder with b's settings.
func (b *Builder) build() *simulator.BackgroundTaskBuilder {
	sb := b.sim.e.NewBackgroundTaskBuilder()
	sb.Name = b.Name
	sb.TaskEntryPoint = b.TaskEntryPoint
	sb.CancelOnConditionLoss = b.CancelOnConditionLoss
	sb.IsNetworkRequested = b.IsNetworkRequested
	sb.TaskGroup = b.TaskGroup
	sb.AllowRunningTaskInStandby = b.AllowRunningTaskInStandby
	if b.trigger != nil {
		sb.SetTrigger(b.trigger)
	}
	for _, c := range b.conditions {
		sb.AddCondition(c)
	}
	if !b.clsid.IsZero() {
		sb.SetTaskEntryPointClsid(b.clsid)
	}
	return sb
}

func (b *Builder) register(name string, replace bool) (*simulator.Registration, error) {
	sb := b.build()
	var (
		r   *simulator.Registration
		err error
	)
	if replace {
		r, err = sb.RegisterWithName(name)
	} else {
		r, err = sb.Register()
	}
	if err != nil {
		return nil, err
	}
	b.sim.regs = append(b.sim.regs, r)
	return r, nil
}
