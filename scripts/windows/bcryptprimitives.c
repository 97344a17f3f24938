/* A stand-in for Windows' bcryptprimitives.dll, for running tests under wine
 * only (`make test-windows`): wine 8 lacks the DLL, and Rust's standard library
 * (on Windows 10 and later) takes its random bytes from its ProcessPrng. This
 * one draws them from RtlGenRandom (advapi32's SystemFunction036), which wine
 * has. Built into the test prefix's system32 by scripts/setup-wine.sh; never
 * shipped: real Windows has the DLL. */
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
