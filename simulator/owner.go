package simulator

// The owner check: an Engine is single-threaded, and a second goroutine that calls into it while
// the first is inside it would make the trace depend on the Go scheduler. Go gives no goroutine
// identity to compare, so the check is the one Go's maps make for concurrent writes: a plain
// state word that says who is running, checked on the way in and on the way out. Plain, not
// atomic: an atomic word cost 35 % more time on BenchmarkDeviceYear100, and the check
// needs no memory ordering of its own, since correct use is single-threaded (or ordered by
// Config.Gate). It is best-effort, as the map check is: two goroutines that race through it in
// the same few instructions can both pass, and the race detector then reports them. It costs a
// load, a compare and a store per public call and per call out to user code, and never allocates.
//
// The states:
//
//   - ownerIdle: no call is inside the engine.
//   - ownerEngine: the engine's own code is running (a public method, or the events RunFor runs).
//   - ownerUser: the engine has called user code (task code, a handler, an At function, a task
//     factory), which may call back in: a call that finds ownerUser is nested, runs as
//     ownerEngine, and puts ownerUser back when it returns.
//
// A call that finds ownerEngine, or a return that finds another goroutine's state, panics with a
// message saying what was done wrong. What the check cannot see: a second goroutine calling in
// while the owner runs user code (it looks nested), or while the owner is between calls (it looks
// like the owner). The race detector reports both.
//
// Each path from user code into the engine crosses the check exactly once: exported methods check,
// and the engine's own code calls their unexported forms (never an exported mutator), so a nested
// call from engine code is always a bug in the caller, never in the check.
const (
	ownerIdle int32 = iota
	ownerEngine
	ownerUser
)

// own opens a public call named what. Use it as: defer e.disown(e.own("SetPower")).
func (e *Engine) own(what string) int32 {
	prev, ok := e.tryAcquire()
	if !ok {
		e.misuse(what)
	}
	return prev
}

func (e *Engine) tryAcquire() (prev int32, ok bool) {
	switch prev = e.owner; prev {
	case ownerIdle, ownerUser:
		e.owner = ownerEngine
		return prev, true
	}
	return prev, false
}

// disown ends a public call: the state goes back to what own found. Finding anything but
// ownerEngine means another goroutine changed it meanwhile.
func (e *Engine) disown(prev int32) {
	ok := e.owner == ownerEngine
	e.owner = prev
	if !ok {
		e.misuse("returning from a call")
	}
}

// toUser marks a call out to user code; fromUser, with what toUser returned, marks its return.
func (e *Engine) toUser() int32 {
	prev := e.owner
	e.owner = ownerUser
	return prev
}

func (e *Engine) fromUser(prev int32) {
	ok := e.owner == ownerUser
	e.owner = prev
	if !ok {
		e.misuse("returning from user code")
	}
}

// lock opens a call from task code (an Instance, Deferral or Timer method): Config.Gate, then the
// owner check. Use it as: defer e.unlock(e.lock("Deferral.Complete")).
func (e *Engine) lock(what string) int32 {
	if e.gate != nil {
		e.gate.Lock()
	}
	prev, ok := e.tryAcquire()
	if !ok {
		if e.gate != nil {
			e.gate.Unlock()
		}
		e.misuse(what)
	}
	return prev
}

func (e *Engine) unlock(prev int32) {
	ok := e.owner == ownerEngine
	e.owner = prev
	if e.gate != nil {
		e.gate.Unlock() // before a panic, so that misuse never leaves the gate locked
	}
	if !ok {
		e.misuse("returning from a call")
	}
}

// misuse panics with a ConcurrentUseError for what.
func (e *Engine) misuse(what string) {
	panic(&ConcurrentUseError{What: what})
}

// ConcurrentUseError is what an Engine panics with when its owner check finds two goroutines
// inside it at once (see Engine). What names the call, or the return, that found it.
type ConcurrentUseError struct {
	What string
}

func (c *ConcurrentUseError) Error() string {
	return "simulator: " + c.What + " found another goroutine inside the engine: an Engine is " +
		"single-threaded, and it was used from two goroutines at once (or called back from a Sink). " +
		"Call it only from the goroutine that owns it; task code on other goroutines must reach it " +
		"through Config.Gate, as the harness's goroutine tasks do"
}
