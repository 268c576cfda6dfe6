package simulator

import "strconv"

// fire is what every trigger does when it goes off (docs/windows-model.md#triggers, #conditions): the registration starts an
// instance now, or latches until it may. details become the instance's TriggerDetails.
//
// A one-shot trigger goes inert at its firing (it stays listed, docs/windows-model.md#time-triggers). A firing while an
// activation is latched joins it (LatchCoalesce: the instance gets this firing's details) or adds
// another (LatchEachFiring: the latched ones start first, each with its own details); a firing
// while an instance runs starts another instance (OverlapStartNew) or latches (OverlapLatch).
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
	if e.oneAtATime(r) {
		e.latch(r, details, "running_instance")
		return
	}
	if e.policy.LatchedFirings == LatchEachFiring && r.pending > 0 {
		r.addPending(details, true)
		e.startPending(r)
		return
	}
	if r.pending > 0 { // a firing joins the coalesced activation; most firings find none
		r.dropPending()
	}
	e.startInstance(r, details)
}

func (e *Engine) latch(r *Registration, details any, why string) {
	r.addPending(details, e.policy.LatchedFirings == LatchEachFiring)
	e.latchedRecord(r, why)
}

// latchedRecord writes the latched record of r's pending activations, waiting for why.
func (e *Engine) latchedRecord(r *Registration, why string) {
	if why != r.latchWhy || r.pending != r.latchPending {
		// A registration tends to latch for the same reason with the same count again and again:
		// the detail is rendered once for each change, not once per latch.
		r.latchWhy, r.latchPending = why, r.pending
		r.latchDetail = "waiting=" + why + " pending=" + strconv.Itoa(r.pending)
	}
	e.emit(Record{Kind: KindLatched, Task: r.name, TaskNum: r.num, TaskID: r.taskID, Detail: r.latchDetail})
}

// addPending records a latched activation with its details: another one under each firing, else
// the one pending activation, which takes the latest details.
func (r *Registration) addPending(details any, each bool) {
	if each {
		r.pending++
		r.pendingQueue = append(r.pendingQueue, details)
		return
	}
	r.pending = 1
	r.pendingDetails = details
}

// takePending removes the oldest pending activation and returns its details.
func (r *Registration) takePending() any {
	r.pending--
	if len(r.pendingQueue) > 0 {
		d := r.pendingQueue[0]
		r.pendingQueue[0] = nil
		r.pendingQueue = r.pendingQueue[1:]
		return d
	}
	d := r.pendingDetails
	r.pendingDetails = nil
	return d
}

// dropPending forgets r's pending activations.
func (r *Registration) dropPending() {
	r.pending, r.pendingDetails, r.pendingQueue = 0, nil, nil
}

// oneAtATime reports whether r may not start an instance now because one is running that must
// end first: its own under OverlapLatch; for an ApplicationTrigger any application-triggered
// instance of the app (docs/windows-model.md#application-trigger-requests [documented]); for a
// device trigger one of the same type (docs/windows-model.md#device-triggers [documented]); for
// a MediaProcessingTrigger any media processing instance of the app
// (docs/windows-model.md#media-processing-requests).
//
// It runs on every firing, so the common case (no such trigger, no OverlapLatch) is two loads and
// inlines; classRunning does the rest.
func (e *Engine) oneAtATime(r *Registration) bool {
	if e.policy.Overlap == OverlapLatch && r.running > 0 {
		return true
	}
	return r.exclusive != notExclusive && e.classRunning(r.exclusive)
}

// startPending starts r's pending activations, oldest first, each with its own details, as long
// as none must wait for a running instance; those that must wait get a latched record.
func (e *Engine) startPending(r *Registration) {
	for r.pending > 0 && !r.unregistered { // an instance may unregister its own task
		why := e.blocker(r) // the run before may have changed what this one needs
		if why == "" && e.oneAtATime(r) {
			why = "running_instance"
		}
		if why != "" {
			e.latchedRecord(r, why)
			return
		}
		e.startInstance(r, r.takePending())
	}
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
	if e.blocker(r) != "" || e.oneAtATime(r) {
		return
	}
	e.startPending(r)
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
		if saver && !batterySaverSpares(e.policy, r.trigger) && !r.isUpdateTask() {
			e.cancel(in, ReasonEnergySaver)
		}
	}
}
