package harness

import (
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/benbjohnson/clock"
)

// github.com/benbjohnson/clock v1.3.5's Timer and Ticker are concrete types that only a Mock can
// own: Stop and Reset change unexported fields and nothing else. Goroutine tasks get theirs from
// a private Mock that is never advanced (so it never fires anything), and the harness reads those
// fields after every settle to see Stop and Reset: a Reset writes next = mock.now + d over the
// zero time.Time the harness leaves there, so even a Reset to the same duration shows. The field
// layout below is checked when the package loads: another version of the module panics at once
// instead of misreading memory. go.mod pins v1.3.5, the module's last release.

// fieldOffsets are the byte offsets of the fields the harness reads or writes.
var fieldOffsets struct {
	timerNext, timerStopped            uintptr
	tickerNext, tickerStopped, tickerD uintptr
	mockMu                             uintptr
}

func init() {
	if err := checkClockLayout(); err != nil {
		panic("harness: github.com/benbjohnson/clock is not the v1.3.5 the harness was built for (" +
			err.Error() + "); pin github.com/benbjohnson/clock v1.3.5 in go.mod")
	}
}

// want is one expected field: its name and type.
type want struct {
	name string
	typ  reflect.Type
}

// checkClockLayout checks the fields of clock.Timer, clock.Ticker and clock.Mock, records the
// offsets, and then exercises Reset and Stop on a private Mock to see the fields move as expected.
func checkClockLayout() error {
	tt := reflect.TypeFor[time.Time]()
	mockPtr := reflect.TypeFor[*clock.Mock]()
	timer, err := offsets(reflect.TypeFor[clock.Timer](), timerFields())
	if err != nil {
		return err
	}
	ticker, err := offsets(reflect.TypeFor[clock.Ticker](), []want{
		{"C", reflect.TypeFor[<-chan time.Time]()}, {"c", reflect.TypeFor[chan time.Time]()},
		{"ticker", reflect.TypeFor[*time.Ticker]()}, {"next", tt}, {"mock", mockPtr},
		{"d", reflect.TypeFor[time.Duration]()}, {"stopped", reflect.TypeFor[bool]()},
	})
	if err != nil {
		return err
	}
	mock, err := offsets(reflect.TypeFor[clock.Mock](), []want{
		{"mu", reflect.TypeFor[sync.Mutex]()}, {"now", tt}, {"timers", nil},
	})
	if err != nil {
		return err
	}
	fieldOffsets.timerNext, fieldOffsets.timerStopped = timer[3], timer[6]
	fieldOffsets.tickerNext, fieldOffsets.tickerD, fieldOffsets.tickerStopped = ticker[3], ticker[5], ticker[6]
	fieldOffsets.mockMu = mock[0]
	return checkClockBehaviour()
}

// timerFields are clock.Timer's fields in v1.3.5.
func timerFields() []want {
	return []want{
		{"C", reflect.TypeFor[<-chan time.Time]()}, {"c", reflect.TypeFor[chan time.Time]()},
		{"timer", reflect.TypeFor[*time.Timer]()}, {"next", reflect.TypeFor[time.Time]()},
		{"mock", reflect.TypeFor[*clock.Mock]()}, {"fn", reflect.TypeFor[func()]()},
		{"stopped", reflect.TypeFor[bool]()},
	}
}

// offsets checks that t has exactly the wanted fields, in order (a nil type is not checked), and
// returns their offsets.
func offsets(t reflect.Type, fields []want) ([]uintptr, error) {
	if t.NumField() != len(fields) {
		return nil, fmt.Errorf("%v has %d fields, want %d", t, t.NumField(), len(fields))
	}
	out := make([]uintptr, len(fields))
	for i, w := range fields {
		f := t.Field(i)
		if f.Name != w.name || (w.typ != nil && f.Type != w.typ) {
			return nil, fmt.Errorf("%v field %d is %s %v, want %s %v", t, i, f.Name, f.Type, w.name, w.typ)
		}
		out[i] = f.Offset
	}
	return out, nil
}

// checkClockBehaviour makes sure Reset and Stop move the fields as the harness reads them.
func checkClockBehaviour() error {
	m := clock.NewMock()
	tk := m.Ticker(time.Hour)
	clearTickerNext(m, tk)
	tk.Reset(5 * time.Second)
	if d, stopped, reset := tickerState(m, tk); !reset || d != 5*time.Second || stopped {
		return fmt.Errorf("Ticker.Reset(5s) reads as reset=%t d=%v stopped=%t", reset, d, stopped)
	}
	tk.Stop()
	if _, stopped, reset := tickerState(m, tk); reset || !stopped {
		return fmt.Errorf("Ticker.Stop reads as reset=%t stopped=%t", reset, stopped)
	}
	m2 := clock.NewMock()
	t := m2.AfterFunc(time.Hour, func() {})
	clearTimerNext(m2, t)
	t.Reset(3 * time.Second)
	if d, stopped, reset := timerState(m2, t); !reset || d != 3*time.Second || stopped {
		return fmt.Errorf("Timer.Reset(3s) reads as reset=%t d=%v stopped=%t", reset, d, stopped)
	}
	if !t.Stop() {
		return fmt.Errorf("Timer.Stop on a running timer reports false")
	}
	if _, stopped, reset := timerState(m2, t); reset || !stopped {
		return fmt.Errorf("Timer.Stop reads as reset=%t stopped=%t", reset, stopped)
	}
	return nil
}

func field[T any](base unsafe.Pointer, off uintptr) *T { return (*T)(unsafe.Add(base, off)) }

func mockMu(m *clock.Mock) *sync.Mutex {
	return field[sync.Mutex](unsafe.Pointer(m), fieldOffsets.mockMu)
}

// timerState reads a Mock-owned Timer: whether it was Reset since the last clearTimerNext, and if
// so by how much (next - the Mock's frozen now), and whether it is stopped. It clears next again.
func timerState(m *clock.Mock, t *clock.Timer) (d time.Duration, stopped, reset bool) {
	now := m.Now()
	mu := mockMu(m)
	mu.Lock()
	defer mu.Unlock()
	next := field[time.Time](unsafe.Pointer(t), fieldOffsets.timerNext)
	if !next.IsZero() {
		d, reset = next.Sub(now), true
		*next = time.Time{}
	}
	return d, *field[bool](unsafe.Pointer(t), fieldOffsets.timerStopped), reset
}

// tickerState is timerState for a Ticker; d is its period after a Reset.
func tickerState(m *clock.Mock, t *clock.Ticker) (d time.Duration, stopped, reset bool) {
	mu := mockMu(m)
	mu.Lock()
	defer mu.Unlock()
	next := field[time.Time](unsafe.Pointer(t), fieldOffsets.tickerNext)
	if !next.IsZero() {
		d, reset = *field[time.Duration](unsafe.Pointer(t), fieldOffsets.tickerD), true
		*next = time.Time{}
	}
	return d, *field[bool](unsafe.Pointer(t), fieldOffsets.tickerStopped), reset
}

// clearTimerNext writes the zero time over a new Timer's next, so that a later Reset shows.
func clearTimerNext(m *clock.Mock, t *clock.Timer) {
	mu := mockMu(m)
	mu.Lock()
	*field[time.Time](unsafe.Pointer(t), fieldOffsets.timerNext) = time.Time{}
	mu.Unlock()
}

// clearTickerNext is clearTimerNext for a Ticker.
func clearTickerNext(m *clock.Mock, t *clock.Ticker) {
	mu := mockMu(m)
	mu.Lock()
	*field[time.Time](unsafe.Pointer(t), fieldOffsets.tickerNext) = time.Time{}
	mu.Unlock()
}
