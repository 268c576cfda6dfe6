package harness

import (
	"context"
	"errors"

	"github.com/bgsim/bgsim/simulator"
)

// CanceledError is the cause (context.Cause) of a goroutine task's context when the engine
// canceled the instance. It matches context.Canceled with errors.Is.
type CanceledError struct {
	Reason simulator.CancellationReason
}

func (e *CanceledError) Error() string { return "background task canceled: " + e.Reason.String() }

// Unwrap returns context.Canceled.
func (e *CanceledError) Unwrap() error { return context.Canceled }

// ErrInstanceFinished is the cause of a goroutine task's context once its instance has finished
// without a cancel: completed, failed, or its host terminated.
var ErrInstanceFinished = errors.New("harness: the background task instance has finished")

// ErrSimulationClosed is the cause of a goroutine task's context canceled by Simulation.Close.
var ErrSimulationClosed = errors.New("harness: the simulation was closed")

// CancelReason returns why the engine canceled the goroutine task whose context ctx is (or
// derives from), and false when it has not been canceled by the engine.
func CancelReason(ctx context.Context) (simulator.CancellationReason, bool) {
	var ce *CanceledError
	if errors.As(context.Cause(ctx), &ce) {
		return ce.Reason, true
	}
	return simulator.ReasonInvalid, false
}

// clockKey is the context key of the simulation's Clock.
type clockKey struct{}

// ClockFrom returns the Clock of the simulation whose goroutine task ctx belongs to (the same as
// Simulation.Clock), or nil when ctx is not a goroutine task's.
func ClockFrom(ctx context.Context) *Clock {
	c, _ := ctx.Value(clockKey{}).(*Clock)
	return c
}
