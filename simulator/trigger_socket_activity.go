package simulator

import (
	"fmt"
	"slices"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// SocketActivityTriggerReason is Windows' SocketActivityTriggerReason
// (docs/windows-model.md#socket-activity-triggers): why the socket broker activated the task.
// Windows numbers None 0; bgsim keeps 0 invalid, since an activation always has a reason.
type SocketActivityTriggerReason uint8

// The SocketActivityTriggerReason members that activate a task.
const (
	SocketReasonInvalid    SocketActivityTriggerReason = iota
	SocketReasonActivity                               // SocketActivity: a packet arrived
	SocketReasonConnection                             // ConnectionAccepted: a listener accepted a connection
	SocketReasonKeepAlive                              // KeepAliveTimerExpired: a StreamSocket's keep-alive timer expired
	SocketReasonClosed                                 // SocketClosed: a StreamSocket was closed
)

var socketReasons = enumTable[SocketActivityTriggerReason]{"SocketActivityTriggerReason",
	[]string{"", "SocketActivity", "ConnectionAccepted", "KeepAliveTimerExpired", "SocketClosed"}}

// String returns the Windows member name.
func (r SocketActivityTriggerReason) String() string { return socketReasons.str(r) }

// Valid reports whether r is a member.
func (r SocketActivityTriggerReason) Valid() bool { return socketReasons.valid(r) }

// ParseSocketActivityTriggerReason parses a member name such as "ConnectionAccepted".
func ParseSocketActivityTriggerReason(s string) (SocketActivityTriggerReason, error) {
	return socketReasons.parse(s)
}

// SocketActivityTriggerReasons lists every member, in Windows' order.
func SocketActivityTriggerReasons() []SocketActivityTriggerReason { return socketReasons.values() }

// SocketActivityTrigger mirrors Windows' SocketActivityTrigger
// (docs/windows-model.md#socket-activity-triggers): the socket broker starts the task when
// something happens on a socket the app transferred to it ([Engine.DeliverSocketActivity]). The
// task then owns the socket, and no further activity on it is delivered until the task transfers
// ownership back ([Instance.TransferOwnership]).
type SocketActivityTrigger struct{}

// NewSocketActivityTrigger returns a SocketActivityTrigger.
func NewSocketActivityTrigger() *SocketActivityTrigger { return &SocketActivityTrigger{} }

// String implements Trigger.
func (t *SocketActivityTrigger) String() string { return "SocketActivity" }

// A socket activity task is declared as systemEvent, as Microsoft's SocketActivityStreamSocket
// sample does (docs/windows-model.md#socket-activity-triggers).
func (t *SocketActivityTrigger) taskTypes() []manifest.TaskType { return systemEventTypes }

func (t *SocketActivityTrigger) validate(string) *RegisterError { return nil }

func (t *SocketActivityTrigger) isOneShot() bool { return false }

// SocketActivityInformation is the part of Windows' SocketActivityInformation bgsim plays: the
// socket's id and the registration it was transferred for.
type SocketActivityInformation struct {
	ID     string
	TaskID GUID
}

// SocketActivityTriggerDetails is the TriggerDetails of an instance started by a
// SocketActivityTrigger.
type SocketActivityTriggerDetails struct {
	Reason            SocketActivityTriggerReason
	SocketInformation SocketActivityInformation
}

func (d *SocketActivityTriggerDetails) runFields() string {
	return " reason=" + d.Reason.String() + " socket=" + quoteDetail(d.SocketInformation.ID)
}

// DeliverSocketActivity is the socket broker seeing activity on the socket with that id, which
// the app transferred for its registrations named task (docs/windows-model.md#socket-activity-triggers).
// Every live registration of that name with a SocketActivityTrigger, in registration order, gets
// an event record "socket_activity=ID reason=R"; if its task still owns the socket (a task
// activated for it has not called TransferOwnership), the record ends "not_delivered=owned_by_task"
// and nothing fires. Otherwise the task now owns the socket and the trigger fires with
// *SocketActivityTriggerDetails. With no such registration the event record names the task and
// ends "not_delivered=no_registration". An empty id or an invalid reason is an error and
// changes nothing.
func (e *Engine) DeliverSocketActivity(task, socket string, reason SocketActivityTriggerReason) error {
	defer e.disown(e.own("Engine.DeliverSocketActivity"))
	if socket == "" {
		return fmt.Errorf("cannot deliver socket activity to %q: empty socket id", task)
	}
	if !reason.Valid() {
		return fmt.Errorf("cannot deliver socket activity to %q: %v is not a SocketActivityTriggerReason that activates a task", task, reason)
	}
	defer e.enter()()
	detail := "socket_activity=" + quoteDetail(socket) + " reason=" + reason.String()
	found := false
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		if _, ok := r.trigger.(*SocketActivityTrigger); !ok || r.unregistered || r.name != task {
			continue
		}
		found = true
		rec := Record{Kind: KindEvent, Task: r.name, TaskNum: r.num, TaskID: r.taskID, Detail: detail}
		if slices.Contains(r.socketsHeld, socket) {
			rec.Detail += " not_delivered=owned_by_task"
			e.emit(rec)
			continue
		}
		e.emit(rec)
		r.socketsHeld = append(r.socketsHeld, socket)
		e.fire(r, &SocketActivityTriggerDetails{Reason: reason,
			SocketInformation: SocketActivityInformation{ID: socket, TaskID: r.taskID}})
	}
	if !found {
		e.emit(Record{Kind: KindEvent, Task: task, Detail: detail + " not_delivered=no_registration"})
	}
	return nil
}

// TransferOwnership is StreamSocket.TransferOwnership(socketId) called by the task's code: the
// socket goes back to the broker, which delivers its next activity again. The event record is
// "transfer_ownership=ID"; a socket the task did not own is transferred all the same (it is how
// an app hands a new socket over). After the instance finished it does nothing: its host is gone.
func (in *Instance) TransferOwnership(socket string) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.TransferOwnership"))
	if in.finished {
		return
	}
	in.touch()
	e := in.reg.engine
	defer e.enter()()
	r := in.reg
	if i := slices.Index(r.socketsHeld, socket); i >= 0 {
		r.socketsHeld = slices.Delete(r.socketsHeld, i, i+1)
	}
	rec := in.record(KindEvent)
	rec.Detail = "transfer_ownership=" + quoteDetail(socket)
	e.flush()
}
