package harness

import "github.com/bgsim/bgsim/simulator"

// HaveCompletedDeferral succeeds when an instance of the registration named task completed a
// deferral (a deferral_completed record).
func HaveCompletedDeferral(task string) *RecordMatcher {
	return newRecordMatcher("HaveCompletedDeferral", simulator.KindDeferralCompleted).Task(task)
}
