/* SiRentan's two Windows programs: one source, built by build.sh with Debian's mingw.
 *
 *   SiRentan.exe      -DSIRENTAN_GUI, GUI subsystem (-mwindows): no console window
 *   sirentan-cli.exe  console subsystem
 *
 * Each loads python311.dll from its own folder (the embeddable CPython beside it, whose
 * python311._pth fixes sys.path to the bundle and ignores PYTHON* variables) and runs the
 * app's entry through Py_Main, as `python -X utf8 main.py ARGS...` would: UTF-8 output
 * wherever it goes. sys.frozen tells the app it runs as an installed program (messages name
 * sirentan-cli, not "python main.py"). No Python of the PC is ever used.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

typedef int(__cdecl *py_main_t)(int, wchar_t **);

static const wchar_t ENTRY[] =
    L"import sys; sys.frozen = True; sys.argv[0] = sys.executable; "
    L"from ui.cli.main import main; sys.exit(main())";

static int fail(const wchar_t *what, const wchar_t *path) {
    wchar_t text[1200];
    swprintf(text, 1200, L"SiRentan tidak dapat dijalankan: %ls\n%ls\n\n"
             L"Pasang ulang SiRentan dengan pemasang terbaru.", what, path);
#ifdef SIRENTAN_GUI
    MessageBoxW(NULL, text, L"SiRentan", MB_ICONERROR | MB_OK);
#else
    fwprintf(stderr, L"%ls\n", text);
#endif
    return 1;
}

int main(void) {
    wchar_t exe[MAX_PATH], dll[MAX_PATH];
    DWORD length = GetModuleFileNameW(NULL, exe, MAX_PATH);
    if (length == 0 || length >= MAX_PATH)
        return fail(L"nama folder program terlalu panjang", L"");
    wcscpy(dll, exe);
    wchar_t *slash = wcsrchr(dll, L'\\');
    if (slash == NULL)
        return fail(L"folder program tidak dikenal", exe);
    wcscpy(slash + 1, L"python311.dll");

    /* The DLL's own dependencies (vcruntime140.dll) are found in its folder too. */
    HMODULE python = LoadLibraryExW(dll, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (python == NULL)
        return fail(L"berkas tidak ditemukan atau rusak", dll);
    py_main_t py_main = (py_main_t)(void (*)(void))GetProcAddress(python, "Py_Main");
    if (py_main == NULL)
        return fail(L"berkas rusak", dll);

    int argc = 0;
    wchar_t **given = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (given == NULL)
        return fail(L"baris perintah tidak terbaca", L"");
    /* exe -X utf8 -c ENTRY ARGS...: sys.argv becomes [exe, ARGS...]. */
    wchar_t **argv = calloc((size_t)argc + 5, sizeof *argv);
    if (argv == NULL)
        return fail(L"memori tidak cukup", L"");
    int n = 0;
    argv[n++] = exe;
    argv[n++] = L"-X";
    argv[n++] = L"utf8";
    argv[n++] = L"-c";
    argv[n++] = (wchar_t *)ENTRY;
    for (int i = 1; i < argc; i++)
        argv[n++] = given[i];
    argv[n] = NULL;
    return py_main(n, argv);
}
