/* The one export of Windows' bcryptprimitives.dll the Rust standard library uses for randomness (ProcessPrng,
 * Windows 10 and later), for Debian's wine 8, which lacks the DLL (wine 9 has it). Test environment only: built
 * into the wine prefix by tests/installer/wine.py so the bundle's compiled parts (python-calamine) load as on
 * Windows. Never shipped. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG part = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        size -= part;
    }
    return TRUE;
}
