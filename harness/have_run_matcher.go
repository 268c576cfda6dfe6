package harness

import "github.com/bgsim/bgsim/simulator"

// HaveRun succeeds when the registration named task ran: a run record (Run was called on a new
// instance). Refine with Times, At, Within and Instance:
//
//	Expect(sim).To(HaveRun("ExampleBackgroundTask").Times(2).Within(10*time.Minute, time.Hour))
func HaveRun(task string) *RecordMatcher {
	return newRecordMatcher("HaveRun", simulator.KindRun).Task(task)
}
