package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#injected-faults injected faults (Engine.InjectFault)", func() {
	var (
		s       *sim
		reasons []simulator.CancellationReason
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		reasons = nil
		s.behave["T"] = func(in *simulator.Instance) {
			in.GetDeferral()
			in.OnCanceled(func(_ *simulator.Instance, r simulator.CancellationReason) { reasons = append(reasons, r) })
		}
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Second)
	})

	It("kill_host terminates the host: the completion reports an error, and Canceled is not raised", func() {
		n, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "T"})
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(1))
		Expect(reasons).To(BeEmpty())
		Expect(s.lines(simulator.KindFault, simulator.KindTerminated, simulator.KindCompleted, simulator.KindDelivered)).To(Equal([]string{
			"+00:00:01.000 fault     T kind=kill_host instances=1",
			"+00:00:01.000 terminated T task=1 instance=1 cause=kill_host",
			"+00:00:01.000 completed T task=1 instance=1 result=error",
			"+00:00:01.000 delivered T task=1 instance=1 result=error",
		}))
	})

	It("low_memory_kill kills without Canceled (docs/windows-model.md#injected-faults [documented])", func() {
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultLowMemoryKill, Task: "T"})
		Expect(err).NotTo(HaveOccurred())
		Expect(reasons).To(BeEmpty())
		Expect(s.lines(simulator.KindTerminated)).To(Equal([]string{"+00:00:01.000 terminated T task=1 instance=1 cause=low_memory_kill"}))
	})

	DescribeTable("policy_cancel raises Canceled with its reason, then the grace period applies",
		func(reason simulator.CancellationReason) {
			_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "T", Reason: reason})
			Expect(err).NotTo(HaveOccurred())
			Expect(reasons).To(Equal([]simulator.CancellationReason{reason}))
			s.RunFor(10 * time.Second)
			Expect(s.lines(simulator.KindCanceled, simulator.KindTerminated)).To(Equal([]string{
				"+00:00:01.000 canceled  T task=1 instance=1 reason=" + reason.String(),
				"+00:00:06.000 terminated T task=1 instance=1 cause=cancel_grace_expired",
			}))
		},
		Entry("Terminating", simulator.ReasonTerminating),
		Entry("LoggingOff", simulator.ReasonLoggingOff),
		Entry("Uninstall", simulator.ReasonUninstall),
		Entry("SystemPolicy", simulator.ReasonSystemPolicy),
		Entry("ResourceRevocation", simulator.ReasonResourceRevocation),
		Entry("QuietHoursEntered", simulator.ReasonQuietHoursEntered),
	)

	It("lists exactly the six reasons no other rule produces", func() {
		Expect(simulator.PolicyCancelReasons()).To(HaveLen(6))
	})

	It("records a fault that hits nothing", func() {
		n, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "Other"})
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(BeZero())
		Expect(s.lines(simulator.KindFault)).To(Equal([]string{"+00:00:01.000 fault     Other kind=kill_host instances=0"}))
	})

	DescribeTable("refuses a malformed fault, changing nothing",
		func(f simulator.Fault, msg string) {
			_, err := s.InjectFault(f)
			Expect(err).To(MatchError(msg))
			Expect(s.lines(simulator.KindFault)).To(BeEmpty())
		},
		Entry("no kind", simulator.Fault{Task: "T"}, "cannot inject fault: kind 0 is not kill_host, low_memory_kill or policy_cancel"),
		Entry("a reason another rule owns", simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "T", Reason: simulator.ReasonConditionLoss},
			"cannot inject policy_cancel: reason ConditionLoss is not one of [Terminating LoggingOff Uninstall SystemPolicy ResourceRevocation QuietHoursEntered]"),
		Entry("a reason on kill_host", simulator.Fault{Kind: simulator.FaultKillHost, Task: "T", Reason: simulator.ReasonAbort},
			"cannot inject kill_host: only policy_cancel takes a reason"),
	)
})

var _ = Describe("docs/windows-model.md#in-process-cancellation In-process tasks: the host is the app process", func() {
	var (
		s      *sim
		inproc func(name string)
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{App: simulator.AppConfig{OnBackgroundActivated: func(in *simulator.Instance) {
			in.GetDeferral() // never completed
		}}})
		inproc = func(name string) {
			b := s.NewBackgroundTaskBuilder()
			b.Name = name
			b.SetTrigger(sms())
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
		}
	})

	It("an in-process instance still running when its cancel grace ends takes the app process down, with every in-process instance", func() {
		inproc("A")
		inproc("B")
		s.hanging("Out")
		s.register("Out", sms())
		s.raiseSMS()
		s.RunFor(time.Second)
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "A", Reason: simulator.ReasonSystemPolicy})
		Expect(err).NotTo(HaveOccurred())
		s.RunFor(6 * time.Second)
		Expect(s.AppState()).To(Equal(simulator.AppTerminated))
		Expect(s.lines(simulator.KindApp, simulator.KindTerminated, simulator.KindDropped)).To(Equal([]string{
			"+00:00:06.000 app       terminate cause=cancel_grace_expired state=terminated",
			"+00:00:06.000 terminated A task=1 instance=1 cause=cancel_grace_expired",
			"+00:00:06.000 dropped   A task=1 instance=1 result=error app=terminated",
			"+00:00:06.000 terminated B task=2 instance=2 cause=app_process_terminated",
			"+00:00:06.000 dropped   B task=2 instance=2 result=error app=terminated",
		}))
		Expect(s.count(simulator.KindTerminated, "Out")).To(BeZero(), "an out-of-process host is not the app")
	})

	It("an out-of-process instance past its grace is terminated alone; the app keeps running", func() {
		s.hanging("Out")
		s.register("Out", sms())
		s.raiseSMS()
		s.RunFor(time.Second)
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "Out", Reason: simulator.ReasonSystemPolicy})
		Expect(err).NotTo(HaveOccurred())
		s.RunFor(6 * time.Second)
		Expect(s.AppState()).To(Equal(simulator.AppForeground))
		Expect(s.lines(simulator.KindApp)).To(BeEmpty())
	})

	It("TerminateApp ends the in-process instances with the process, not the out-of-process ones", func() {
		inproc("A")
		s.hanging("Out")
		s.register("Out", sms())
		s.raiseSMS()
		s.TerminateApp()
		Expect(s.lines(simulator.KindTerminated)).To(Equal([]string{"+00:00:00.000 terminated A task=1 instance=1 cause=app_terminated"}))
	})

	It("kill_host of an in-process task kills the app process", func() {
		inproc("A")
		s.raiseSMS()
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "A"})
		Expect(err).NotTo(HaveOccurred())
		Expect(s.AppState()).To(Equal(simulator.AppTerminated))
		Expect(s.lines(simulator.KindApp)).To(Equal([]string{"+00:00:00.000 app       terminate cause=kill_host state=terminated"}))
	})
})
