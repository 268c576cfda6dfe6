package simulator

// MediaProcessingTriggerResult is Windows' MediaProcessingTriggerResult
// (docs/windows-model.md#media-processing-requests): what MediaProcessingTrigger.RequestAsync
// answers. Windows numbers Allowed 0; bgsim keeps 0 invalid.
type MediaProcessingTriggerResult uint8

// The MediaProcessingTriggerResult members.
const (
	MediaProcessingInvalid          MediaProcessingTriggerResult = iota
	MediaProcessingAllowed                                       // Allowed: the task runs
	MediaProcessingCurrentlyRunning                              // CurrentlyRunning: the task is running now
	MediaProcessingDisabledByPolicy                              // DisabledByPolicy: the device's policy refused
	MediaProcessingUnknownError                                  // UnknownError
)

var mediaProcessingResults = enumTable[MediaProcessingTriggerResult]{"MediaProcessingTriggerResult",
	[]string{"", "Allowed", "CurrentlyRunning", "DisabledByPolicy", "UnknownError"}}

// String returns the Windows member name.
func (r MediaProcessingTriggerResult) String() string { return mediaProcessingResults.str(r) }

// GomegaString returns the name, for Gomega failure messages.
func (r MediaProcessingTriggerResult) GomegaString() string { return r.String() }

// WindowsValue is the member's numeric value in Windows (Allowed = 0).
func (r MediaProcessingTriggerResult) WindowsValue() int { return int(r) - 1 }

// ParseMediaProcessingTriggerResult parses a Windows member name, exactly as spelled.
func ParseMediaProcessingTriggerResult(s string) (MediaProcessingTriggerResult, error) {
	return mediaProcessingResults.parse(s)
}

// MediaProcessingTriggerDetails is the TriggerDetails of an instance that
// RequestMediaProcessing started: RequestAsync's arguments (its ValueSet).
type MediaProcessingTriggerDetails struct {
	Arguments map[string]string
}

func (d *MediaProcessingTriggerDetails) runFields() string { return argumentsField(d.Arguments) }

// mediaProcessingClass is the GenericTrigger class of MediaProcessingTrigger.
const mediaProcessingClass = "MediaProcessingTrigger"

// RequestMediaProcessing is MediaProcessingTrigger.RequestAsync(arguments) called by the app for
// its registration named task, a GenericTrigger of class MediaProcessingTrigger, which an app
// registers once (docs/windows-model.md#media-processing-requests). It answers, the first rule
// that applies winning, with an event record "request=media_processing result=R" (and cause=
// for DisabledByPolicy):
//   - DisabledByPolicy, cause=from_task, from task code; cause=app_<state> when the app is not in
//     the foreground; when background access is denied, unspecified or never requested; and
//     cause=battery_saver while Battery Saver holds the app back [bgsim's choice: the rules of
//     ApplicationTrigger requests, which Microsoft documents and these mirror];
//   - UnknownError when task names no live MediaProcessingTrigger registration [bgsim's choice];
//   - CurrentlyRunning while a media processing instance of the app runs, whatever registration
//     started it [documented member];
//   - Allowed otherwise: the task runs now, or latches until its conditions hold.
//
// The arguments reach the task as *MediaProcessingTriggerDetails.
func (e *Engine) RequestMediaProcessing(task string, arguments map[string]string) MediaProcessingTriggerResult {
	defer e.disown(e.own("Engine.RequestMediaProcessing"))
	defer e.enter()()
	var r *Registration
	for _, o := range e.regs {
		if g, ok := o.trigger.(*GenericTrigger); ok && g.Class == mediaProcessingClass && o.name == task && !o.unregistered {
			r = o
			break
		}
	}
	res, cause := MediaProcessingAllowed, ""
	if e.taskCode > 0 {
		cause = "from_task"
	}
	cause, refused := e.requestRefused(cause)
	switch {
	case refused:
		res = MediaProcessingDisabledByPolicy
	case r == nil:
		res = MediaProcessingUnknownError
	case e.classRunning(exclusiveMediaProcessing):
		res = MediaProcessingCurrentlyRunning
	}
	rec := Record{Kind: KindEvent, Task: task, Detail: "request=media_processing result=" + res.String()}
	if r != nil {
		rec.TaskNum, rec.TaskID = r.num, r.taskID
	}
	if cause != "" {
		rec.Detail += " cause=" + cause
	}
	e.emit(rec)
	if res == MediaProcessingAllowed {
		e.fire(r, &MediaProcessingTriggerDetails{Arguments: copyArgs(arguments)})
	}
	return res
}
