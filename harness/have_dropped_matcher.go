package harness

import "github.com/bgsim/bgsim/simulator"

// HaveDropped succeeds when a completion of the registration named task will never reach the app:
// it finished while the app was terminated or not running (a dropped record). Refine
// with WithResult.
func HaveDropped(task string) *ResultMatcher {
	return &ResultMatcher{newRecordMatcher("HaveDropped", simulator.KindDropped).Task(task)}
}
