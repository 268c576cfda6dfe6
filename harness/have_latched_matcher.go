package harness

import "github.com/bgsim/bgsim/simulator"

// HaveLatched succeeds when a trigger of the registration named task fired while its conditions
// did not hold, so the activation waited (a latched record).
func HaveLatched(task string) *RecordMatcher {
	return newRecordMatcher("HaveLatched", simulator.KindLatched).Task(task)
}
