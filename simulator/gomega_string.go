package simulator

// GomegaString methods make Gomega print an enum by its name in a failure message (it prints
// the number otherwise: "<simulator.ApplicationTriggerResult>: 4"). Each returns String, so the
// name is the one the trace and scenario files use.

// GomegaString returns the name, for Gomega failure messages.
func (a AccessStatus) GomegaString() string { return a.String() }

// GomegaString returns the name, for Gomega failure messages.
func (a AppState) GomegaString() string { return a.String() }

// GomegaString returns the name, for Gomega failure messages.
func (r ApplicationTriggerResult) GomegaString() string { return r.String() }

// GomegaString returns the name, for Gomega failure messages.
func (r CancellationReason) GomegaString() string { return r.String() }

// GomegaString returns the name, for Gomega failure messages.
func (r CustomSystemEventRecurrence) GomegaString() string { return r.String() }

// GomegaString returns the name, for Gomega failure messages.
func (k FaultKind) GomegaString() string { return k.String() }

// GomegaString returns the name, for Gomega failure messages.
func (m LatchMode) GomegaString() string { return m.String() }

// GomegaString returns the name, for Gomega failure messages.
func (c NetworkCost) GomegaString() string { return c.String() }

// GomegaString returns the name, for Gomega failure messages.
func (n NetworkLevel) GomegaString() string { return n.String() }

// GomegaString returns the name, for Gomega failure messages.
func (m OverlapMode) GomegaString() string { return m.String() }

// GomegaString returns the name, for Gomega failure messages.
func (p PowerSource) GomegaString() string { return p.String() }

// GomegaString returns the name, for Gomega failure messages.
func (k RecordKind) GomegaString() string { return k.String() }

// GomegaString returns the name, for Gomega failure messages.
func (c RegisterErrorCode) GomegaString() string { return c.String() }

// GomegaString returns the name, for Gomega failure messages.
func (r Result) GomegaString() string { return r.String() }

// GomegaString returns the name, for Gomega failure messages.
func (s SessionState) GomegaString() string { return s.String() }

// GomegaString returns the name, for Gomega failure messages.
func (c SystemConditionType) GomegaString() string { return c.String() }

// GomegaString returns the name, for Gomega failure messages.
func (t SystemTriggerType) GomegaString() string { return t.String() }

// GomegaString returns the name, for Gomega failure messages.
func (u UserPresence) GomegaString() string { return u.String() }

// GomegaString returns the name, for Gomega failure messages.
func (w WorkCost) GomegaString() string { return w.String() }
