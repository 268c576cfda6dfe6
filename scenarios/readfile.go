package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxFileSize is the largest scenario or manifest file bgsim reads (64 MiB). A larger file, or a
// trace that would make the file larger, is refused with a clear error instead of exhausting
// memory.
const MaxFileSize = 64 << 20

// readInput reads the file at path for the parser: it must be a regular file (a FIFO, a device
// such as /dev/zero or a folder is refused before it is opened, so it cannot hang or fill
// memory) of at most MaxFileSize bytes. The error is a short reason for messages ("no such file
// or directory", "is a named pipe, not a regular file"). It returns the file's information as
// read, for Update's change check.
func readInput(path string) ([]byte, os.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, reason(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, notRegular(fi.Mode())
	}
	if fi.Size() > MaxFileSize {
		return nil, nil, errTooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, reason(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, nil, reason(err)
	}
	if len(data) > MaxFileSize {
		return nil, nil, errTooLarge
	}
	return data, fi, nil
}

// errTooLarge is the reason a file over MaxFileSize is refused.
var errTooLarge = fmt.Errorf("is larger than the %d MiB limit", MaxFileSize>>20)

// reason strips the operation and path from an fs error: the message names the file already.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// notRegular names a non-regular file mode as the reason it is refused.
func notRegular(m os.FileMode) error {
	switch {
	case m.IsDir():
		return errors.New("is a directory")
	case m&os.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a regular file")
	case m&os.ModeSocket != 0:
		return errors.New("is a socket, not a regular file")
	case m&os.ModeDevice != 0:
		return errors.New("is a device, not a regular file")
	}
	return errors.New("is not a regular file")
}

// byte-order marks of the encodings YAML allows besides UTF-8; bgsim reads UTF-8 only, so that
// --update can splice the file byte for byte.
var foreignBOMs = []struct {
	bom  []byte
	name string
}{
	{[]byte{0x00, 0x00, 0xFE, 0xFF}, "UTF-32 (big-endian)"},
	{[]byte{0xFF, 0xFE, 0x00, 0x00}, "UTF-32 (little-endian)"},
	{[]byte{0xFE, 0xFF}, "UTF-16 (big-endian)"},
	{[]byte{0xFF, 0xFE}, "UTF-16 (little-endian)"},
}

// encodingError refuses a file whose byte-order mark says it is not UTF-8, or nil.
func encodingError(file string, data []byte) *ParseError {
	for _, b := range foreignBOMs {
		if bytes.HasPrefix(data, b.bom) {
			return &ParseError{File: file, Line: 1, Col: 1,
				Msg: "the file is " + b.name + " encoded (its byte-order mark says so): save it as UTF-8"}
		}
	}
	return nil
}
