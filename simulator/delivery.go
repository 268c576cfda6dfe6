package simulator

// completed routes a finished instance's Completed event to the app (docs/windows-model.md#completion):
//   - foreground: delivered at once;
//   - suspended: queued, and delivered on resume (guaranteed, per the handler page [documented]);
//   - terminated or not running: dropped, unless Policy.DeliverAfterRelaunch queues it for the
//     next launch [bgsim's choice].
func (e *Engine) completed(in *Instance) {
	switch {
	case in.reg.isUpdateTask():
		// No registration, so no Completed handler: the completion goes nowhere.
	case e.app == AppForeground:
		e.deliver(in)
	case e.app == AppSuspended || e.policy.DeliverAfterRelaunch:
		e.undelivered = append(e.undelivered, in)
	default:
		e.drop(in)
	}
}

func (e *Engine) deliver(in *Instance) {
	rec := in.record(KindDelivered)
	rec.Result = in.result
	e.flush()
	args := CompletedEventArgs{InstanceID: in.id, failure: in.failure()}
	if in.rare != nil {
		args.cause = in.rare.cause
	}
	for _, h := range in.reg.completed {
		e.guardApp("Completed", func() { h(in.reg, args) })
	}
}

func (e *Engine) drop(in *Instance) {
	rec := in.record(KindDropped)
	rec.Result = in.result
	rec.Detail = "app=" + e.app.String()
	e.flush()
}

// flushUndelivered delivers (or, when deliver is false, drops) the queued completions in the
// order the instances finished.
func (e *Engine) flushUndelivered(deliver bool) {
	q := e.undelivered
	e.undelivered = nil
	for _, in := range q {
		if deliver {
			e.deliver(in)
		} else {
			e.drop(in)
		}
	}
}
