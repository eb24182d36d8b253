//! Windows: the known folders, process handles, replacing a busy file, the shell and the console.
//!
//! Tested under Wine by `tests/wine/checks.rs` (run by `.ci/windows-test`).

use std::ffi::{OsStr, OsString};
use std::io;
use std::os::windows::ffi::{OsStrExt, OsStringExt};
use std::os::windows::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_ACCESS_DENIED, ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION, GENERIC_READ,
    GENERIC_WRITE, GetLastError, HANDLE, INVALID_HANDLE_VALUE, S_OK, STILL_ACTIVE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, DELETE, FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::Com::CoTaskMemFree;
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    SetStdHandle,
};
use windows_sys::Win32::System::Threading::{
    GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
};
use windows_sys::Win32::UI::Shell::{
    FOLDERID_Documents, KF_FLAG_DEFAULT, SHGetKnownFolderPath, ShellExecuteW,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    MB_ICONERROR, MB_OK, MessageBoxW, SW_SHOWNORMAL,
};

use super::{BUSY_RETRIES, retry_while_busy};

/// A NUL-terminated UTF-16 string for the wide ("W") functions.
fn wide(text: &OsStr) -> Vec<u16> {
    text.encode_wide().chain(std::iter::once(0)).collect()
}

/// The Documents known folder (`FOLDERID_Documents`): where Explorer's «Documenti» is, also when
/// it was moved to another disk, a network share or OneDrive. `%USERPROFILE%\Documents` if the
/// shell cannot say.
pub fn documents_dir() -> Option<PathBuf> {
    known_documents().or_else(|| {
        std::env::var_os("USERPROFILE")
            .filter(|h| !h.is_empty())
            .map(|home| PathBuf::from(home).join("Documents"))
    })
}

fn known_documents() -> Option<PathBuf> {
    let mut text: *mut u16 = std::ptr::null_mut();
    // SAFETY: the GUID is a constant, the token null means the current user, and `text` is
    // written by the shell and freed below with the allocator it comes from.
    let result = unsafe {
        SHGetKnownFolderPath(
            &FOLDERID_Documents,
            KF_FLAG_DEFAULT as u32,
            std::ptr::null_mut(),
            &mut text,
        )
    };
    let path = if result == S_OK && !text.is_null() {
        // SAFETY: on success `text` is a NUL-terminated wide string.
        let units = unsafe {
            let len = (0..).take_while(|&i| *text.add(i) != 0).count();
            std::slice::from_raw_parts(text, len)
        };
        Some(PathBuf::from(OsString::from_wide(units)))
    } else {
        None
    };
    // SAFETY: CoTaskMemFree accepts what SHGetKnownFolderPath returned, null included.
    unsafe { CoTaskMemFree(text as *const _) };
    path.filter(|p| !p.as_os_str().is_empty())
}

/// A process runs while its exit code is `STILL_ACTIVE`. A process the user may not query
/// (another user's, a service) exists; any other failure to open it means it is gone.
pub fn process_alive(pid: u32) -> bool {
    if pid == 0 {
        return false;
    }
    // SAFETY: plain calls with a process id; the handle is closed below.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            return GetLastError() == ERROR_ACCESS_DENIED;
        }
        let mut code = 0u32;
        let known = GetExitCodeProcess(handle, &mut code) != 0;
        CloseHandle(handle);
        !known || code == STILL_ACTIVE as u32
    }
}

/// Whether a failed replacement may succeed later: the file is open in a program that did not
/// allow others to delete it (an antivirus, a viewer, Excel), or a range of it is locked.
/// A read-only file gives the same error as a busy one; trying again costs seconds only.
pub fn is_busy(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error().map(|c| c as u32),
        Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
    )
}

/// `std::fs::rename`, tried again while the destination is busy (see [`super::BUSY_RETRIES`]).
/// On Windows 10 and 11 the standard library renames with POSIX semantics
/// (`FILE_RENAME_FLAG_POSIX_SEMANTICS`), so that a reader who allows deletion (most viewers)
/// keeps reading the old version while the new one takes its name; where the system or the file
/// system has no such rename (FAT, some network shares, Wine) it is `MoveFileExW` with
/// `MOVEFILE_REPLACE_EXISTING`, which any open handle on the destination refuses.
pub fn replace_file(tmp: &Path, dest: &Path) -> io::Result<()> {
    replace_file_with(tmp, dest, &BUSY_RETRIES, std::thread::sleep)
}

/// [`replace_file`] with its waits given: the checks under Wine release the file from `sleep`.
pub fn replace_file_with(
    tmp: &Path,
    dest: &Path,
    delays: &[Duration],
    sleep: impl FnMut(Duration),
) -> io::Result<()> {
    retry_while_busy(|_| std::fs::rename(tmp, dest), is_busy, delays, sleep, dest)
}

/// Opening the file for deletion, sharing everything, succeeds only if every program that has it
/// open allows it to be deleted, hence replaced.
pub fn wait_until_replaceable(path: &Path) -> io::Result<()> {
    wait_until_replaceable_with(path, &BUSY_RETRIES, std::thread::sleep)
}

/// [`wait_until_replaceable`] with its waits given.
pub fn wait_until_replaceable_with(
    path: &Path,
    delays: &[Duration],
    sleep: impl FnMut(Duration),
) -> io::Result<()> {
    retry_while_busy(
        |_| match std::fs::OpenOptions::new()
            .access_mode(DELETE)
            .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
            .open(path)
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        },
        is_busy,
        delays,
        sleep,
        path,
    )
}

/// The shell's "open" verb: the program associated with the file's type, as a double click in
/// Explorer. No console window appears, and no command interpreter reads the path (a folder
/// named `Bando A&B` stays one path).
pub fn open_with_system(path: &Path) -> io::Result<()> {
    let verb = wide(OsStr::new("open"));
    let file = wide(path.as_os_str());
    // SAFETY: the strings are NUL-terminated; null window, parameters and directory are allowed.
    let result = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    // Values above 32 mean success; the others are error codes.
    if result as usize > 32 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(result as i32))
    }
}

/// The program is built for the Windows subsystem, so that a double click opens no console
/// window. From a terminal (cmd, PowerShell) with a command, it joins the terminal's console:
/// its output and errors appear there. A standard handle already given (output redirected to a
/// file or a pipe) is kept. Returns whether a console was joined.
pub fn attach_console() -> bool {
    // SAFETY: plain calls; the handles opened are kept for the life of the process.
    unsafe {
        if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
            return false;
        }
        for which in [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
            if !usable(GetStdHandle(which)) {
                let console = open_console_output();
                if usable(console) {
                    SetStdHandle(which, console);
                }
            }
        }
    }
    true
}

fn usable(handle: HANDLE) -> bool {
    !handle.is_null() && handle != INVALID_HANDLE_VALUE
}

fn open_console_output() -> HANDLE {
    let name = wide(OsStr::new("CONOUT$"));
    // SAFETY: a NUL-terminated name; no security attributes, no template.
    unsafe {
        CreateFileW(
            name.as_ptr(),
            GENERIC_READ | GENERIC_WRITE,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            std::ptr::null(),
            OPEN_EXISTING,
            0,
            std::ptr::null_mut(),
        )
    }
}

/// A message box: the only way a program without a console can say why it could not start.
pub fn show_error(title: &str, text: &str) {
    let title = wide(OsStr::new(title));
    let text = wide(OsStr::new(text));
    // SAFETY: NUL-terminated strings, no owner window.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONERROR,
        );
    }
}
