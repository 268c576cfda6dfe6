package simulator_test

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#registration-rules Registration rules and errors", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	type failure struct {
		setup    func(s *sim) *simulator.BackgroundTaskBuilder
		sentinel error
		code     simulator.RegisterErrorCode
		hresult  uint32
		line     string // the register_failed record
	}
	fails := func(f failure) {
		_, err := f.setup(s).Register()
		Expect(err).To(HaveOccurred())
		Expect(errors.Is(err, f.sentinel)).To(BeTrue(), "errors.Is(%v, sentinel)", err)
		for _, other := range []error{simulator.ErrNoTrigger, simulator.ErrClassNotRegistered, simulator.ErrInvalidFreshness,
			simulator.ErrInvalidOneShot, simulator.ErrDuplicateApplicationTrigger, simulator.ErrAccessDenied, simulator.ErrInvalidTrigger} {
			if other != f.sentinel {
				Expect(errors.Is(err, other)).To(BeFalse(), "errors.Is(%v, %v)", err, other)
			}
		}
		var re *simulator.RegisterError
		Expect(errors.As(err, &re)).To(BeTrue())
		Expect(re.Code).To(Equal(f.code))
		Expect(re.HResult).To(Equal(f.hresult))
		Expect(re.Code.HResult()).To(Equal(f.hresult))
		Expect(re.Task).To(Equal("T"))
		Expect(s.lines(simulator.KindRegisterFailed)).To(Equal([]string{f.line}))
		Expect(s.lines(simulator.KindRegister)).To(BeEmpty(), "nothing is registered")
		Expect(s.AllTasks()).To(BeEmpty())
	}
	on := func(ep string, t simulator.Trigger) func(s *sim) *simulator.BackgroundTaskBuilder {
		return func(s *sim) *simulator.BackgroundTaskBuilder {
			b := s.builder("T", t)
			b.TaskEntryPoint = ep
			return b
		}
	}
	denied := func(access simulator.AccessStatus) func(s *sim) *simulator.BackgroundTaskBuilder {
		return func(s *sim) *simulator.BackgroundTaskBuilder {
			*s = *newSim(simulator.Config{App: simulator.AppConfig{Access: access}})
			return s.builder("T", sms())
		}
	}
	DescribeTable("a refused Register returns a *RegisterError with its code and HRESULT, and writes a register_failed record", fails,
		Entry("docs/windows-model.md#task-builder NoTrigger: SetTrigger never called", failure{
			func(s *sim) *simulator.BackgroundTaskBuilder { return s.builder("T", nil) },
			simulator.ErrNoTrigger, simulator.NoTrigger, 0,
			`+00:00:00.000 register_failed T error=NoTrigger detail="SetTrigger was not called"`}),
		Entry("ClassNotRegistered: entry point not declared (REGDB_E_CLASSNOTREG)", failure{
			on("Tasks.Missing", sms()), simulator.ErrClassNotRegistered, simulator.ClassNotRegistered, 0x80040154,
			`+00:00:00.000 register_failed T error=ClassNotRegistered hresult=0x80040154 detail="entry point Tasks.Missing is not declared in the manifest"`}),
		Entry("ClassNotRegistered: entry points are case-sensitive", failure{
			on("tasks.all", sms()), simulator.ErrClassNotRegistered, simulator.ClassNotRegistered, 0x80040154,
			`+00:00:00.000 register_failed T error=ClassNotRegistered hresult=0x80040154 detail="entry point tasks.all is not declared in the manifest"`}),
		Entry("ClassNotRegistered: a timer-only entry point with a SystemTrigger", failure{
			on(epTimer, sms()), simulator.ErrClassNotRegistered, simulator.ClassNotRegistered, 0x80040154,
			`+00:00:00.000 register_failed T error=ClassNotRegistered hresult=0x80040154 detail="entry point Tasks.Timer does not declare task type systemEvent for System(SmsReceived)"`}),
		Entry("ClassNotRegistered: a systemEvent-only entry point with a TimeTrigger", failure{
			on(epSystem, simulator.NewTimeTrigger(15, false)), simulator.ErrClassNotRegistered, simulator.ClassNotRegistered, 0x80040154,
			`+00:00:00.000 register_failed T error=ClassNotRegistered hresult=0x80040154 detail="entry point Tasks.System does not declare task type timer for Time(15m)"`}),
		Entry("ClassNotRegistered: a timer-only entry point with an ApplicationTrigger (needs general or systemEvent)", failure{
			on(epTimer, simulator.NewApplicationTrigger()), simulator.ErrClassNotRegistered, simulator.ClassNotRegistered, 0x80040154,
			`+00:00:00.000 register_failed T error=ClassNotRegistered hresult=0x80040154 detail="entry point Tasks.Timer does not declare task type general or systemEvent for Application"`}),
		Entry("ClassNotRegistered: a timer-only entry point with a MaintenanceTrigger (spec table: general or systemEvent)", failure{
			on(epTimer, simulator.NewMaintenanceTrigger(15, false)), simulator.ErrClassNotRegistered, simulator.ClassNotRegistered, 0x80040154,
			`+00:00:00.000 register_failed T error=ClassNotRegistered hresult=0x80040154 detail="entry point Tasks.Timer does not declare task type general or systemEvent for Maintenance(15m)"`}),
		Entry("docs/windows-model.md#time-triggers InvalidFreshness: TimeTrigger 14m (E_INVALIDARG)", failure{
			on(epAll, simulator.NewTimeTrigger(14, false)), simulator.ErrInvalidFreshness, simulator.InvalidFreshness, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidFreshness hresult=0x80070057 detail="TimeTrigger freshness 14m is under the 15-minute minimum"`}),
		Entry("docs/windows-model.md#time-triggers InvalidFreshness: TimeTrigger 15m30s is not whole minutes", failure{
			on(epAll, &simulator.TimeTrigger{Freshness: 15*time.Minute + 30*time.Second}), simulator.ErrInvalidFreshness, simulator.InvalidFreshness, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidFreshness hresult=0x80070057 detail="TimeTrigger freshness 15m30s is not a whole number of minutes"`}),
		Entry("docs/windows-model.md#maintenance-triggers InvalidFreshness: MaintenanceTrigger 14m", failure{
			on(epAll, simulator.NewMaintenanceTrigger(14, false)), simulator.ErrInvalidFreshness, simulator.InvalidFreshness, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidFreshness hresult=0x80070057 detail="MaintenanceTrigger freshness 14m is under the 15-minute minimum"`}),
		Entry("docs/windows-model.md#maintenance-triggers InvalidFreshness: MaintenanceTrigger 30d+1m", failure{
			on(epAll, simulator.NewMaintenanceTrigger(43201, false)), simulator.ErrInvalidFreshness, simulator.InvalidFreshness, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidFreshness hresult=0x80070057 detail="MaintenanceTrigger freshness 43201m is over the 30-day maximum"`}),
		Entry("docs/windows-model.md#system-triggers InvalidOneShot: a one-shot ControlChannelReset", failure{
			on(epAll, simulator.NewSystemTrigger(simulator.SystemTriggerControlChannelReset, true)), simulator.ErrInvalidOneShot, simulator.InvalidOneShot, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidOneShot hresult=0x80070057 detail="ControlChannelReset does not support one-shot triggers"`}),
		Entry("InvalidTrigger: SystemTriggerType Invalid", failure{
			on(epAll, simulator.NewSystemTrigger(simulator.SystemTriggerInvalid, false)), simulator.ErrInvalidTrigger, simulator.InvalidTrigger, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidTrigger hresult=0x80070057 detail="system trigger type SystemTriggerType(0) is not valid"`}),
		Entry("InvalidTrigger: condition Invalid", failure{
			func(s *sim) *simulator.BackgroundTaskBuilder {
				return s.builder("T", sms(), simulator.ConditionInvalid)
			},
			simulator.ErrInvalidTrigger, simulator.InvalidTrigger, 0x80070057,
			`+00:00:00.000 register_failed T error=InvalidTrigger hresult=0x80070057 detail="condition SystemConditionType(0) is not a SystemConditionType member"`}),
		Entry("docs/windows-model.md#background-access AccessDenied: DeniedByUser", failure{
			denied(simulator.AccessDeniedByUser), simulator.ErrAccessDenied, simulator.AccessDenied, 0,
			`+00:00:00.000 register_failed T error=AccessDenied detail="background access is DeniedByUser"`}),
		Entry("docs/windows-model.md#background-access AccessDenied: DeniedBySystemPolicy", failure{
			denied(simulator.AccessDeniedBySystemPolicy), simulator.ErrAccessDenied, simulator.AccessDenied, 0,
			`+00:00:00.000 register_failed T error=AccessDenied detail="background access is DeniedBySystemPolicy"`}),
		Entry("docs/windows-model.md#background-access AccessDenied: Denied (legacy)", failure{
			denied(simulator.AccessDeniedLegacy), simulator.ErrAccessDenied, simulator.AccessDenied, 0,
			`+00:00:00.000 register_failed T error=AccessDenied detail="background access is Denied"`}),
		Entry("docs/windows-model.md#background-access AccessDenied: not_requested (RequestAccessAsync never called) [bgsim's choice]", failure{
			denied(simulator.AccessNotRequested), simulator.ErrAccessDenied, simulator.AccessDenied, 0,
			`+00:00:00.000 register_failed T error=AccessDenied detail="background access is not_requested"`}),
	)

	It("docs/windows-model.md#application-triggers DuplicateApplicationTrigger: a second ApplicationTrigger registration fails", func() {
		s.register("First", simulator.NewApplicationTrigger())
		_, err := s.builder("T", simulator.NewApplicationTrigger()).Register()
		Expect(err).To(MatchError(simulator.ErrDuplicateApplicationTrigger))
		Expect(err.(*simulator.RegisterError).HResult).To(BeZero())
		Expect(s.lines(simulator.KindRegisterFailed)).To(Equal([]string{
			`+00:00:00.000 register_failed T error=DuplicateApplicationTrigger detail="the app already has an ApplicationTrigger registration \"First\" (task=1)"`,
		}))
	})

	It("docs/windows-model.md#application-triggers a new ApplicationTrigger may be registered once the old one is unregistered", func() {
		s.register("First", simulator.NewApplicationTrigger()).Unregister(false)
		s.register("Second", simulator.NewApplicationTrigger())
		Expect(s.RequestApplicationTrigger(nil)).To(Equal(simulator.SignalAllowed))
		Expect(s.runAt("Second")).To(HaveLen(1))
	})

	It("reads the trigger at Register: changing the object afterwards changes nothing", func() {
		s := newSim(simulator.Config{})
		tr := sms()
		custom := simulator.NewCustomSystemEventTrigger("go", simulator.RecurrenceAlways)
		s.register("S", tr)
		s.register("C", custom)
		tr.TriggerType = simulator.SystemTriggerControlChannelReset
		custom.TriggerID = "other"
		s.raiseSMS()
		s.RaiseCustomSystemEvent("go")
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerControlChannelReset)).To(Succeed())
		s.RaiseCustomSystemEvent("other")
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       S task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       C task=2 instance=2 trigger=CustomSystemEvent(go,Always)",
		}))
	})

	It("formats the error as `cannot register \"T\": Code (0xHRESULT): detail`", func() {
		_, err := s.builder("T", simulator.NewTimeTrigger(5, false)).Register()
		Expect(err).To(MatchError(`cannot register "T": InvalidFreshness (0x80070057): TimeTrigger freshness 5m is under the 15-minute minimum`))
		_, err = s.builder("U", nil).Register()
		Expect(err).To(MatchError(`cannot register "U": NoTrigger: SetTrigger was not called`))
	})

	It("checks in the documented order: trigger set, trigger arguments, access, manifest", func() {
		e := newSim(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessDeniedByUser}})
		b := e.builder("T", nil)
		b.TaskEntryPoint = "Tasks.Missing"
		_, err := b.Register()
		Expect(err).To(MatchError(simulator.ErrNoTrigger))
		b.SetTrigger(simulator.NewTimeTrigger(1, false))
		_, err = b.Register()
		Expect(err).To(MatchError(simulator.ErrInvalidFreshness))
		b.SetTrigger(sms())
		_, err = b.Register()
		Expect(err).To(MatchError(simulator.ErrAccessDenied))
		_, err = s.builder("T", sms()).Register() // s has access; epAll declared
		Expect(err).NotTo(HaveOccurred())
	})

	It("without a manifest only in-process registrations succeed", func() {
		e, err := simulator.New(simulator.Config{})
		Expect(err).NotTo(HaveOccurred())
		b := e.NewBackgroundTaskBuilder()
		b.TaskEntryPoint = epAll
		b.SetTrigger(sms())
		_, err = b.Register()
		Expect(err).To(MatchError(simulator.ErrClassNotRegistered))
		b = e.NewBackgroundTaskBuilder()
		b.SetTrigger(sms())
		_, err = b.Register()
		Expect(err).NotTo(HaveOccurred())
	})

	DescribeTable("docs/windows-model.md#manifest-task-types accepts each trigger on an entry point declaring a task type the table allows",
		func(ep string, t simulator.Trigger) {
			b := s.builder("T", t)
			b.TaskEntryPoint = ep
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
		},
		Entry("SystemTrigger → systemEvent", epSystem, sms()),
		Entry("TimeTrigger → timer", epTimer, simulator.NewTimeTrigger(15, false)),
		Entry("MaintenanceTrigger → general", epGeneral, simulator.NewMaintenanceTrigger(15, false)),
		Entry("MaintenanceTrigger → systemEvent", epSystem, simulator.NewMaintenanceTrigger(15, false)),
		Entry("ApplicationTrigger → general", epGeneral, simulator.NewApplicationTrigger()),
		Entry("ApplicationTrigger → systemEvent", epSystem, simulator.NewApplicationTrigger()),
		Entry("CustomSystemEventTrigger → systemEvent", epSystem, simulator.NewCustomSystemEventTrigger("x", simulator.RecurrenceAlways)),
		Entry("a non-one-shot ControlChannelReset", epSystem, simulator.NewSystemTrigger(simulator.SystemTriggerControlChannelReset, false)),
		Entry("TimeTrigger at exactly 15m", epTimer, simulator.NewTimeTrigger(15, true)),
	)

	It("MustRegister panics with the error on failure", func() {
		Expect(func() { s.builder("T", nil).MustRegister() }).To(PanicWith(`simulator: cannot register "T": NoTrigger: SetTrigger was not called`))
	})

	It("numbers registrations from 1, not counting failed ones", func() {
		_, _ = s.builder("Bad", nil).Register()
		r := s.register("Good", sms())
		Expect(r.Number()).To(Equal(1))
		Expect(r.TaskID().IsZero()).To(BeFalse())
	})

	It("docs/windows-model.md#task-builder the builder's later changes do not reach the registration", func() {
		b := s.builder("T", sms(), simulator.ConditionUserPresent)
		r, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		b.Name = "Renamed"
		b.SetTrigger(simulator.NewTimeTrigger(15, false))
		Expect(r.Name()).To(Equal("T"))
		Expect(r.Trigger().String()).To(Equal("System(SmsReceived)"))
		Expect(r.TaskEntryPoint()).To(Equal(epAll))
		Expect(r.TaskGroup()).To(BeNil())
	})

	It("docs/windows-model.md#task-builder duplicate names are allowed and each registration runs on every trigger", func() {
		a := s.register("Dup", sms())
		b := s.register("Dup", sms())
		Expect(a.TaskID()).NotTo(Equal(b.TaskID()))
		s.raiseSMS()
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       Dup task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       Dup task=2 instance=2 trigger=System(SmsReceived)",
		}))
	})

	It("docs/windows-model.md#task-builder RegisterWithName unregisters every same-name registration first (without canceling), then registers", func() {
		ins := s.hanging("X")
		s.register("X", sms())
		s.register("X", simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		y := s.register("Y", sms())
		s.raiseSMS()
		b := s.builder("Ignored", simulator.NewSystemTrigger(simulator.SystemTriggerUserPresent, false))
		x, err := b.RegisterWithName("X")
		Expect(err).NotTo(HaveOccurred())
		Expect(x.Name()).To(Equal("X"))
		Expect(s.AllTasks()).To(Equal([]*simulator.Registration{y, x}))
		Expect(s.lines(simulator.KindUnregister, simulator.KindRegister)[3:]).To(Equal([]string{
			"+00:00:00.000 unregister X task=1 cancel=false",
			"+00:00:00.000 unregister X task=2 cancel=false",
			"+00:00:00.000 register  X task=4 trigger=System(UserPresent) entry_point=Tasks.All",
		}))
		Expect((*ins)[0].Canceled()).To(Equal(simulator.ReasonInvalid), "the running instance goes on")
		s.raiseSMS()
		Expect(s.count(simulator.KindRun, "X")).To(Equal(1), "the old X does not run again")
	})

	It("docs/windows-model.md#task-builder RegisterWithName may replace the app's ApplicationTrigger registration of the same name", func() {
		s.register("App", simulator.NewApplicationTrigger())
		_, err := s.builder("", simulator.NewApplicationTrigger()).RegisterWithName("App")
		Expect(err).NotTo(HaveOccurred())
		_, err = s.builder("", simulator.NewApplicationTrigger()).RegisterWithName("Other")
		Expect(err).To(MatchError(simulator.ErrDuplicateApplicationTrigger))
		Expect(s.AllTasks()).To(HaveLen(1))
	})

	It("docs/windows-model.md#task-builder a failed RegisterWithName leaves the same-name registrations in place", func() {
		old := s.register("X", sms())
		_, err := s.builder("", simulator.NewTimeTrigger(1, false)).RegisterWithName("X")
		Expect(err).To(MatchError(simulator.ErrInvalidFreshness))
		Expect(s.AllTasks()).To(Equal([]*simulator.Registration{old}))
	})

	It("docs/windows-model.md#registrations AllTasks lists the live ungrouped registrations only, in registration order", func() {
		g := simulator.NewTaskGroup("group", "Group")
		a := s.register("A", sms())
		gb := s.builder("G", sms())
		gb.TaskGroup = g
		_, err := gb.Register()
		Expect(err).NotTo(HaveOccurred())
		b := s.register("B", sms())
		c := s.register("C", sms())
		b.Unregister(false)
		Expect(s.AllTasks()).To(Equal([]*simulator.Registration{a, c}))
		Expect(b.Unregistered()).To(BeTrue())
	})

	It("writes the register record with every builder field set", func() {
		b := s.NewBackgroundTaskBuilder()
		b.Name = "Full"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, true))
		b.AddCondition(simulator.ConditionInternetAvailable)
		b.AddCondition(simulator.ConditionUserPresent)
		b.CancelOnConditionLoss = true
		b.IsNetworkRequested = true
		b.TaskGroup = simulator.NewTaskGroup("my group", "G")
		_, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		Expect(s.lines()).To(Equal([]string{
			`+00:00:00.000 register  Full task=1 trigger=System(UserAway,one_shot) conditions=InternetAvailable,UserPresent in_process=true group="my group" cancel_on_condition_loss=true network_requested=true`,
		}))
	})

	It("RegisterErrorCodes lists every code and each parses back", func() {
		codes := simulator.RegisterErrorCodes()
		Expect(codes).To(HaveLen(8))
		for _, c := range codes {
			back, err := simulator.ParseRegisterErrorCode(c.String())
			Expect(err).NotTo(HaveOccurred())
			Expect(back).To(Equal(c))
		}
		_, err := simulator.ParseRegisterErrorCode("NoTriger")
		Expect(err).To(MatchError(ContainSubstring("NoTrigger")))
	})
})
