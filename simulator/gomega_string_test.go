package simulator_test

import (
	"github.com/onsi/gomega/format"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("enums in Gomega failure messages", func() {
	DescribeTable("print by name, not by number",
		func(v any, name string) {
			Expect(format.Object(v, 0)).To(HaveSuffix(": " + name))
		},
		Entry("ApplicationTriggerResult", simulator.SignalCurrentlyRunning, "CurrentlyRunning"),
		Entry("CancellationReason", simulator.ReasonEnergySaver, "EnergySaver"),
		Entry("AccessStatus", simulator.AccessDeniedByUser, "DeniedByUser"),
		Entry("PowerSource", simulator.PowerBattery, "battery"),
		Entry("NetworkLevel", simulator.NetworkNone, "none"),
		Entry("NetworkCost", simulator.CostMetered, "metered"),
		Entry("UserPresence", simulator.UserAway, "away"),
		Entry("SessionState", simulator.SessionDisconnected, "disconnected"),
		Entry("WorkCost", simulator.WorkCostHigh, "High"),
		Entry("AppState", simulator.AppSuspended, "suspended"),
		Entry("RegisterErrorCode", simulator.AccessDenied, "AccessDenied"),
		Entry("FaultKind", simulator.FaultKillHost, "kill_host"),
		Entry("LatchMode", simulator.LatchEachFiring, "each_firing"),
		Entry("OverlapMode", simulator.OverlapLatch, "latch"),
		Entry("RecordKind", simulator.KindRun, "run"),
		Entry("Result", simulator.ResultError, "error"),
		Entry("SystemConditionType", simulator.ConditionInternetAvailable, "InternetAvailable"),
		Entry("SystemTriggerType", simulator.SystemTriggerTimeZoneChange, "TimeZoneChange"),
		Entry("CustomSystemEventRecurrence", simulator.RecurrenceOnce, "Once"),
	)

	It("prints an invalid value with its type and number, never as a valid name", func() {
		Expect(format.Object(simulator.CancellationReason(200), 0)).To(ContainSubstring("(200)"))
	})
})
