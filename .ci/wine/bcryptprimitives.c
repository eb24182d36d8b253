/* A stand-in for Windows' bcryptprimitives.dll, for tests under Wine only (never shipped).
 *
 * Rust's standard library (1.78 and later) takes its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10 and 11 have and Debian 12's Wine 8 lacks: without it
 * every Rust program stops at start with status c0000135. This one exports ProcessPrng and asks
 * RtlGenRandom (SystemFunction036 in advapi32), which Wine has. .ci/windows-test builds it with
 * mingw-w64 and copies it into the Wine prefix's system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
