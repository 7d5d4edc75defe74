/*
 * The launcher of ZV Desktop on Windows: runs the embedded Python beside it in its own process (python\python313.dll,
 * Py_Main) with the program's module, passing every argument on. Built twice by installer/build_windows.py (MinGW):
 *   "ZV Desktop.exe"  GUI subsystem, no console window:  -m zv_desktop ARGS
 *   "zv.exe"          console (-DZV_CONSOLE):             -m zv_desktop.cli.main ARGS
 * Running in-process keeps the program's own name and icon in the taskbar, and starts no second program (AppLocker).
 * A missing Python gives a German message box (or line), never a console traceback.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <wchar.h>

#ifdef ZV_CONSOLE
#define ZV_MODULE L"zv_desktop.cli.main"
#else
#define ZV_MODULE L"zv_desktop"
#endif

typedef int(__cdecl *py_main_t)(int, wchar_t **);

static void tell(const wchar_t *text)
{
#ifdef ZV_CONSOLE
    /* to a console as text; to a pipe or file as UTF-8, as zv itself writes */
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    wchar_t line[MAX_PATH + 260];
    _snwprintf(line, MAX_PATH + 260, L"zv: %ls\r\n", text);
    line[MAX_PATH + 259] = L'\0';
    DWORD mode, written;
    if (GetConsoleMode(err, &mode)) {
        WriteConsoleW(err, line, (DWORD)wcslen(line), &written, NULL);
    } else {
        char bytes[4 * (MAX_PATH + 260)];
        int size = WideCharToMultiByte(CP_UTF8, 0, line, -1, bytes, sizeof(bytes), NULL, NULL);
        if (size > 1) WriteFile(err, bytes, (DWORD)(size - 1), &written, NULL);
    }
#else
    MessageBoxW(NULL, text, L"ZV Desktop", MB_OK | MB_ICONERROR);
#endif
}

static int missing(const wchar_t *what)
{
    wchar_t message[MAX_PATH + 200];
    _snwprintf(message, MAX_PATH + 200,
               L"Eine Programmdatei fehlt oder ist beschädigt: %ls. Bitte installieren Sie ZV Desktop neu; Ihre "
               L"Datendateien bleiben dabei erhalten.", what);
    message[MAX_PATH + 199] = L'\0';
    tell(message);
    return 3;
}

static int launch(void)
{
    wchar_t folder[MAX_PATH], dll[MAX_PATH + 32];
    DWORD length = GetModuleFileNameW(NULL, folder, MAX_PATH);
    if (length == 0 || length >= MAX_PATH) {
        tell(L"Der Programmordner ist nicht lesbar.");
        return 3;
    }
    wchar_t *slash = wcsrchr(folder, L'\\');
    if (slash) *slash = L'\0';
    _snwprintf(dll, MAX_PATH + 32, L"%ls\\python\\python313.dll", folder);
    dll[MAX_PATH + 31] = L'\0';
    HMODULE python = LoadLibraryExW(dll, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!python) return missing(dll);
    py_main_t py_main = (py_main_t)GetProcAddress(python, "Py_Main");
    if (!py_main) return missing(dll);
    int count = 0;
    wchar_t **given = CommandLineToArgvW(GetCommandLineW(), &count);
    if (!given) return 3;
    wchar_t **argv = (wchar_t **)HeapAlloc(GetProcessHeap(), 0, (count + 3) * sizeof(wchar_t *));
    if (!argv) return 3;
    argv[0] = given[0];
    argv[1] = L"-m";
    argv[2] = ZV_MODULE;
    for (int i = 1; i < count; i++) argv[i + 2] = given[i];
    argv[count + 2] = NULL;
    return py_main(count + 2, argv);
}

#ifdef ZV_CONSOLE
int wmain(void) { return launch(); }
#else
int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR line, int show)
{
    (void)instance; (void)previous; (void)line; (void)show;
    return launch();
}
#endif
