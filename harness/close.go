package harness

import "fmt"

// Close ends the simulation's goroutine tasks: each task still running, in start order, has its
// context canceled (cause ErrSimulationClosed) and runs until it blocks; goroutines parked in
// Clock.Sleep are ended with runtime.Goexit. Nothing completes any more: an instance whose run
// returns now is not completed (what its goroutines write to the instance on the way out is still
// recorded). Close reports, by entry point and instance, every goroutine task whose run goroutine
// did not end: it is blocked on something the harness does not own. A simulation without
// goroutine tasks has nothing to close. Call Close inside the bubble, before synctest.Test
// returns (defer it, or t.Cleanup on the bubble's t): synctest.Test fails when goroutines are
// left blocked. A second Close returns the first one's answer.
func (s *Simulation) Close() error {
	sc := s.sched
	if sc.closed {
		return sc.closeErr
	}
	if sc.mode.Load() != modeEngine {
		return fmt.Errorf("cannot close simulation: called from a task goroutine")
	}
	sc.closed = true
	if !sc.bubble {
		return nil
	}
	if !inBubble() {
		sc.closeErr = fmt.Errorf("cannot close simulation: called outside the synctest bubble its goroutine tasks ran in")
		return sc.closeErr
	}
	for _, t := range sc.tasks {
		if t.exited {
			continue
		}
		t.done = true
		sc.wake(t, func() { t.cancel(ErrSimulationClosed) })
		sc.endSleepers(t)
	}
	var stuck []string
	for _, t := range sc.tasks {
		if !t.exited {
			stuck = append(stuck, fmt.Sprintf("%s (instance %d)", t.name, t.in.Number()))
		}
	}
	if len(stuck) > 0 {
		sc.closeErr = fmt.Errorf("cannot close simulation: %d goroutine task(s) still running after their context was canceled, "+
			"blocked on something other than the harness's Clock: %v", len(stuck), stuck)
	}
	return sc.closeErr
}
