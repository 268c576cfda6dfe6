package simulator

import "strconv"

// fire is what every trigger does when it goes off (docs/windows-model.md#triggers, #conditions): the registration starts an
// instance now, or latches until it may. details become the instance's TriggerDetails.
//
// A one-shot trigger goes inert at its firing (it stays listed, docs/windows-model.md#time-triggers). A firing while an
// activation is latched joins it (LatchCoalesce) or adds another (LatchEachFiring); a firing while
// an instance runs starts another instance (OverlapStartNew) or latches (OverlapLatch).
func (e *Engine) fire(r *Registration, details any) {
	if r.unregistered || r.inert {
		return
	}
	if r.oneShot {
		r.inert = true
	}
	if why := e.blocker(r); why != "" {
		e.latch(r, details, why)
		return
	}
	if e.policy.Overlap == OverlapLatch && r.running > 0 {
		e.latch(r, details, "running_instance")
		return
	}
	n := 1
	if e.policy.LatchedFirings == LatchEachFiring {
		n += r.pending
	}
	r.pending, r.pendingDetails = 0, nil
	for i := 0; i < n && !r.unregistered; i++ { // an instance may unregister its own task
		e.startInstance(r, details)
	}
}

func (e *Engine) latch(r *Registration, details any, why string) {
	if r.pending == 0 || e.policy.LatchedFirings == LatchEachFiring {
		r.pending++
	}
	r.pendingDetails = details
	if why != r.latchWhy || r.pending != r.latchPending {
		// A registration tends to latch for the same reason with the same count again and again:
		// the detail is rendered once for each change, not once per latch.
		r.latchWhy, r.latchPending = why, r.pending
		r.latchDetail = "waiting=" + why + " pending=" + strconv.Itoa(r.pending)
	}
	e.emit(Record{Kind: KindLatched, Task: r.name, TaskNum: r.num, TaskID: r.taskID, Detail: r.latchDetail})
}

// releaseLatched starts the latched activations that may now start, in registration order.
func (e *Engine) releaseLatched() {
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		if r.pending > 0 && !r.unregistered {
			e.release(r)
		}
	}
}

// release starts r's latched activations if nothing blocks them any more.
func (e *Engine) release(r *Registration) {
	if e.blocker(r) != "" || (e.policy.Overlap == OverlapLatch && r.running > 0) {
		return
	}
	n, details := r.pending, r.pendingDetails
	r.pending, r.pendingDetails = 0, nil
	if e.policy.Overlap == OverlapLatch {
		// One at a time: the rest wait for this instance to finish.
		r.pending, r.pendingDetails = n-1, details
		n = 1
	}
	for i := 0; i < n && !r.unregistered; i++ { // an instance may unregister its own task
		e.startInstance(r, details)
	}
}

// cancelForLostConditions cancels, in creation order, running instances that lost what they need,
// the first rule that applies giving the reason: Abort for a maintenance task when power leaves AC
// (docs/windows-model.md#maintenance-triggers [documented], docs/windows-model.md#cancellation Abort); ConditionLoss for a registration with CancelOnConditionLoss whose
// condition stopped holding (docs/windows-model.md#conditions [documented]); EnergySaver when Battery Saver is on and the app is not
// AlwaysAllowed, unless Policy.KeepRunningOnEnergySaver (docs/windows-model.md#battery-saver [documented] reason, [bgsim's choice] linkage).
func (e *Engine) cancelForLostConditions() {
	saver := e.batterySaverBlocks() && !e.policy.KeepRunningOnEnergySaver
	n := len(e.running)
	for i := 0; i < n; i++ {
		in := e.running[i]
		if in.finished || in.canceled != ReasonInvalid {
			continue
		}
		r := in.reg
		if _, ok := r.trigger.(*MaintenanceTrigger); ok && e.device.Power != PowerAC {
			e.cancel(in, ReasonAbort)
			continue
		}
		if r.cancelOnConditionLoss && e.unmet(r) != ConditionInvalid {
			e.cancel(in, ReasonConditionLoss)
			continue
		}
		if saver && !batterySaverSpares(e.policy, r.trigger) {
			e.cancel(in, ReasonEnergySaver)
		}
	}
}
