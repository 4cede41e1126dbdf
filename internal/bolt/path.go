package bolt

import (
	"os"
	"path/filepath"
	"runtime"
)

// EnvPath names the environment variable that overrides DefaultPath.
const EnvPath = "EMBEDARCHIVE_DB"

// DefaultPath returns the store file to use when none is given:
// $EMBEDARCHIVE_DB, else archive.db in the user's data directory
// ($XDG_DATA_HOME/embedarchive, ~/.local/share/embedarchive; on macOS
// ~/Library/Application Support/embedarchive; on Windows %LocalAppData%).
func DefaultPath() string {
	if p := os.Getenv(EnvPath); p != "" {
		return p
	}
	return filepath.Join(dataDir(), "embedarchive", "archive.db")
}

func dataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return d
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return d
		}
	case "darwin":
		if d, err := os.UserConfigDir(); err == nil {
			return d
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share")
	}
	return "."
}
