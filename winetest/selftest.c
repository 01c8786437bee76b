/*
 * Tests of the test harness itself (test.h) and of the Wine prefix the tests
 * run in.
 *
 * The harness is checked from outside: this exe starts itself again as a
 * child that makes known passes, failures, todos and skips, reads the child's
 * output and exit code, and compares them with what test.h promises. The
 * prefix is checked by creating a standard COM class through its ProgID and
 * driving it through IDispatch, as a script would drive IMAPI2.
 */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>
#include <stdio.h>
#include <string.h>

#include "test.h"

/* ---- the child: a fixed scenario with known counts ---- */

static DWORD WINAPI child_thread(void *arg)
{
    /* todo state is per thread: the main thread is inside todo_if(1) now,
     * this check must still count as an ordinary pass */
    ok(1, "pass from a second thread\n");
    return 0;
}

static void child_scenario(void)
{
    HANDLE thread;
    int i;

    ok(1, "pass 1\n");
    ok(2 + 2 == 4, "pass 2\n");
    ok_("some/dir/here.c", 77)(0, "deliberate failure %d\n", 42);

    todo_if(1)
    {
        ok(0, "expected todo failure\n");
        ok(1, "unexpected success\n");
        thread = CreateThread(NULL, 0, child_thread, NULL, 0, NULL);
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    }
    todo_if(0) ok(1, "todo_if(0) pass\n");
    todo_if(2)
    {
        todo_if(0) ok(1, "inner not todo\n");
        ok(0, "outer todo again\n");
    }

    skip("deliberate skip\n");
    trace("a trace %s\n", "line");

    for (i = 3; i < 4; i++)
    {
        winetest_push_context("ctx %d", i);
        ok(0, "with context");   /* no newline: the harness adds one */
        winetest_pop_context();
    }
    ok(broken(1) == !winetest_on_wine(), "broken(1) is %d\n", broken(1));
    win_skip("win_skip under %s\n", winetest_on_wine() ? "Wine" : "Windows");
}

static void child_many_failures(void)
{
    int i;
    for (i = 0; i < 300; i++) ok(0, "failure %d\n", i);
}

/* ---- the parent: run a child and judge what it printed ---- */

struct child_result
{
    DWORD pid;
    DWORD exit_code;
    char *output;   /* carriage returns removed, a newline put in front */
};

static BOOL run_child(const char *mode, struct child_result *res)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    HANDLE rd, wr;
    char exe[MAX_PATH], cmd[MAX_PATH + 64];
    size_t len = 1, cap = 4096;
    DWORD got;
    char *src, *dst;

    memset(res, 0, sizeof(*res));
    GetModuleFileNameA(NULL, exe, sizeof(exe));
    snprintf(cmd, sizeof(cmd), "\"%s\" %s", exe, mode);
    if (!CreatePipe(&rd, &wr, &sa, 0)) return FALSE;
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    /* the child's output must not depend on how the caller set these */
    SetEnvironmentVariableA("WINETEST_DEBUG", "1");
    SetEnvironmentVariableA("WINETEST_REPORT_SUCCESS", "0");
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
        CloseHandle(rd);
        CloseHandle(wr);
        return FALSE;
    }
    CloseHandle(wr);

    res->output = malloc(cap);
    res->output[0] = '\n';   /* so "\nfoo" finds foo at the start of any line */
    for (;;)
    {
        if (cap - len < 1024) res->output = realloc(res->output, cap *= 2);
        if (!ReadFile(rd, res->output + len, (DWORD)(cap - len - 1), &got, NULL) || !got) break;
        len += got;
    }
    res->output[len] = 0;
    CloseHandle(rd);
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &res->exit_code);
    res->pid = pi.dwProcessId;
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    for (src = dst = res->output; *src; src++)
        if (*src != '\r') *dst++ = *src;
    *dst = 0;
    return TRUE;
}

static BOOL has_line(const struct child_result *res, const char *text)
{
    return strstr(res->output, text) != NULL;
}

/* Shows what the child printed, each line indented so that no line of it is
 * taken for this exe's own summary line. */
static void dump_child(const struct child_result *res)
{
    const char *p = res->output + 1, *nl;
    while (*p)
    {
        nl = strchr(p, '\n');
        if (!nl) nl = p + strlen(p);
        trace("child> %.*s\n", (int)(nl - p), p);
        p = *nl ? nl + 1 : nl;
    }
}

static void check_summary(const struct child_result *res, int executed, int todo, int failures, int skipped)
{
    char want[128];
    snprintf(want, sizeof(want), "\n%04lx:selftest: %d tests executed (%d marked as todo, %d failures), %d skipped.\n",
             (unsigned long)res->pid, executed, todo, failures, skipped);
    ok(has_line(res, want), "summary line \"%.*s\" missing\n", (int)strlen(want) - 2, want + 1);
}

static void test_harness(void)
{
    struct child_result res;
    int wine = winetest_on_wine();
    /* under Wine win_skip is a failure; on Windows it is a skip */
    int failures = wine ? 4 : 3, skipped = wine ? 1 : 2, executed = wine ? 12 : 11;
    BOOL good = TRUE;

    if (!run_child("harness_child", &res))
    {
        ok(0, "could not start the child: error %lu\n", GetLastError());
        return;
    }
#define CHECK_CHILD(cond, ...) do { BOOL c_ = (cond); ok(c_, __VA_ARGS__); good &= c_; } while (0)
    CHECK_CHILD(res.exit_code == (DWORD)failures, "child exit code %lu, expected %d\n", res.exit_code, failures);
    CHECK_CHILD(has_line(&res, "\nhere.c:77: Test failed: deliberate failure 42\n"),
                "ok_() with a path: no \"here.c:77: Test failed:\" line\n");
    CHECK_CHILD(has_line(&res, "selftest.c:"), "no line names selftest.c\n");
    CHECK_CHILD(has_line(&res, ": Test marked todo: expected todo failure\n"), "no todo line\n");
    CHECK_CHILD(has_line(&res, ": Test succeeded inside todo block: unexpected success\n"),
                "no \"succeeded inside todo block\" line\n");
    CHECK_CHILD(has_line(&res, ": Test marked todo: outer todo again\n"), "nested todo_if lost the outer state\n");
    CHECK_CHILD(!has_line(&res, "inner not todo"), "todo_if(0) inside todo_if(1) was still todo\n");
    CHECK_CHILD(!has_line(&res, "second thread"), "the second thread's pass was taken as todo\n");
    CHECK_CHILD(has_line(&res, ": Tests skipped: deliberate skip\n"), "no skip line\n");
    CHECK_CHILD(has_line(&res, ": a trace line\n"), "no trace line\n");
    CHECK_CHILD(has_line(&res, ": ctx 3: Test failed: with context\n"), "context missing or no newline added\n");
    CHECK_CHILD(!has_line(&res, "pass 1"), "a passing check was printed at WINETEST_DEBUG=1\n");
    CHECK_CHILD(!has_line(&res, "broken(1)"), "broken() check failed\n");
    if (wine)
        CHECK_CHILD(has_line(&res, ": Test failed: win_skip under Wine\n"), "win_skip is not a failure under Wine\n");
    else
        CHECK_CHILD(has_line(&res, ": Tests skipped: win_skip under Windows\n"), "win_skip is not a skip on Windows\n");
    check_summary(&res, executed, 2, failures, skipped);
    if (!has_line(&res, ":selftest: ")) good = FALSE;
    if (!good) dump_child(&res);
    free(res.output);

    if (!run_child("many_failures", &res))
    {
        ok(0, "could not start the child: error %lu\n", GetLastError());
        return;
    }
    ok(res.exit_code == 255, "300 failures: exit code %lu, expected 255\n", res.exit_code);
    check_summary(&res, 300, 0, 300, 0);
    free(res.output);
#undef CHECK_CHILD
}

static void test_dbgstr(void)
{
    static const WCHAR long_w[] = L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123"
        L"0123456789012345678901234567890123456789012345678901234567890123";
    const char *a, *b, *s;

    s = wine_dbgstr_w(L"a\"b\\c\n\x00e9");
    ok(!strcmp(s, "L\"a\\\"b\\\\c\\n\\x00e9\""), "wine_dbgstr_w: got %s\n", s);
    s = wine_dbgstr_w(NULL);
    ok(!strcmp(s, "(null)"), "wine_dbgstr_w(NULL): got %s\n", s);
    s = wine_dbgstr_w((const WCHAR *)MAKEINTRESOURCEW(42));
    ok(!strcmp(s, "#002a"), "wine_dbgstr_w(resource id): got %s\n", s);
    s = wine_dbgstr_an("abc", 2);
    ok(!strcmp(s, "\"ab\""), "wine_dbgstr_an: got %s\n", s);
    s = wine_dbgstr_a("x\ty");
    ok(!strcmp(s, "\"x\\ty\""), "wine_dbgstr_a: got %s\n", s);
    s = wine_dbgstr_guid(&IID_IUnknown);
    ok(!strcmp(s, "{00000000-0000-0000-c000-000000000046}"), "wine_dbgstr_guid: got %s\n", s);
    s = wine_dbgstr_w(long_w);
    ok(strlen(s) < 512 && !strcmp(s + strlen(s) - 4, "\"..."), "long string not cut with \"...: %.40s\n", s);
    /* several in one message must not overwrite each other */
    a = wine_dbgstr_a("first");
    b = wine_dbgstr_a("second");
    ok(!strcmp(a, "\"first\"") && !strcmp(b, "\"second\""), "ring buffers: %s %s\n", a, b);
}

static void test_wait_child_process(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char exe[MAX_PATH], cmd[MAX_PATH + 64];
    HANDLE nul;
    DWORD code;

    GetModuleFileNameA(NULL, exe, sizeof(exe));
    snprintf(cmd, sizeof(cmd), "\"%s\" quiet_pass", exe);
    /* the child's own summary line is not this test's business */
    nul = CreateFileA("NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
    ok(nul != INVALID_HANDLE_VALUE, "cannot open NUL: error %lu\n", GetLastError());
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = si.hStdError = nul;
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "could not start the child: error %lu\n", GetLastError());
        CloseHandle(nul);
        return;
    }
    code = wait_child_process(pi.hProcess);
    ok(code == 0, "wait_child_process returned %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(nul);
}

static void test_harness_in_process(void)
{
    int wine = winetest_on_wine();

    ok(broken(0) == 0, "broken(0) must be 0\n");
    ok(broken(1) == !wine, "broken(1) is %d under %s\n", broken(1), wine ? "Wine" : "Windows");
    todo_if(0) ok(1, "todo_if(0) is an ordinary check\n");
    trace("running under %s\n", wine ? "Wine" : "Windows");
}

/* ---- the prefix: COM and OLE Automation work ---- */

static HRESULT call(IDispatch *disp, const WCHAR *name, WORD flags, VARIANT *args, UINT nargs, VARIANT *result)
{
    DISPPARAMS params = { args, NULL, nargs, 0 };
    LPOLESTR names[1] = { (LPOLESTR)name };
    DISPID id;
    HRESULT hr;

    hr = IDispatch_GetIDsOfNames(disp, &IID_NULL, names, 1, LOCALE_USER_DEFAULT, &id);
    ok(hr == S_OK, "GetIDsOfNames(%ls) returned %#lx\n", name, hr);
    if (FAILED(hr)) return hr;
    return IDispatch_Invoke(disp, id, &IID_NULL, LOCALE_USER_DEFAULT, flags, &params, result, NULL, NULL);
}

static void test_com(void)
{
    static const CLSID clsid_bogus = { 0x1b0e5d6a, 0x4b1f, 0x4d5c, { 0x9a, 0x11, 0x2f, 0x6e, 0x5d, 0x43, 0x21, 0x0f } };
    IDispatch *disp = NULL;
    IUnknown *unk = NULL;
    VARIANT args[2], result;
    CLSID clsid;
    HRESULT hr;

    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == S_OK, "CoInitializeEx returned %#lx\n", hr);

    hr = CoCreateInstance(&clsid_bogus, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk);
    ok(hr == REGDB_E_CLASSNOTREG, "unregistered class: CoCreateInstance returned %#lx\n", hr);
    ok(!unk, "unregistered class: got an object\n");

    hr = CLSIDFromProgID(L"Scripting.Dictionary", &clsid);
    ok(hr == S_OK, "CLSIDFromProgID(Scripting.Dictionary) returned %#lx\n", hr);
    if (FAILED(hr)) goto done;
    hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&disp);
    ok(hr == S_OK, "CoCreateInstance(Scripting.Dictionary) returned %#lx\n", hr);
    if (FAILED(hr)) goto done;

    /* dict.Add "imapi", 2  (DISPPARAMS hold the arguments in reverse order) */
    V_VT(&args[1]) = VT_BSTR;
    V_BSTR(&args[1]) = SysAllocString(L"imapi");
    V_VT(&args[0]) = VT_I4;
    V_I4(&args[0]) = 2;
    hr = call(disp, L"Add", DISPATCH_METHOD, args, 2, NULL);
    ok(hr == S_OK, "Add returned %#lx\n", hr);

    VariantInit(&result);
    hr = call(disp, L"Count", DISPATCH_PROPERTYGET, NULL, 0, &result);
    ok(hr == S_OK, "Count returned %#lx\n", hr);
    ok(V_VT(&result) == VT_I4 && V_I4(&result) == 1, "Count: type %u value %ld, expected VT_I4 1\n",
       V_VT(&result), V_VT(&result) == VT_I4 ? (long)V_I4(&result) : -1L);
    VariantClear(&result);

    hr = call(disp, L"Item", DISPATCH_PROPERTYGET, &args[1], 1, &result);
    ok(hr == S_OK, "Item returned %#lx\n", hr);
    ok(V_VT(&result) == VT_I4 && V_I4(&result) == 2, "Item(\"imapi\"): type %u, expected VT_I4 2\n", V_VT(&result));
    VariantClear(&result);
    VariantClear(&args[1]);

    ok(IDispatch_Release(disp) == 0, "the dictionary is still referenced\n");
done:
    CoUninitialize();
}

/* ---- the runner's environment: a scratch directory the tests may use ---- */

static void test_environment(void)
{
    char path[MAX_PATH];
    const char *tmp = getenv("IMAPI_TEST_TMP_WIN");
    HANDLE file;
    DWORD written = 0;

    if (!tmp)
    {
        skip("IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
        return;
    }
    ok(getenv("IMAPI_WINEPREFIX") != NULL, "IMAPI_WINEPREFIX is not set\n");
    ok(getenv("IMAPI_SOURCE_DIR_WIN") != NULL, "IMAPI_SOURCE_DIR_WIN is not set\n");
    snprintf(path, sizeof(path), "%s\\selftest-%lu.tmp", tmp, (unsigned long)GetCurrentProcessId());
    file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(file != INVALID_HANDLE_VALUE, "cannot create %s: error %lu\n", path, GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    ok(WriteFile(file, "imapi", 5, &written, NULL) && written == 5, "cannot write %s\n", path);
    CloseHandle(file);
    ok(DeleteFileA(path), "cannot delete %s: error %lu\n", path, GetLastError());
}

START_TEST(selftest)
{
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    if (argc > 1 && !strcmp(argv[1], "harness_child"))
    {
        child_scenario();
        return;
    }
    if (argc > 1 && !strcmp(argv[1], "quiet_pass"))
    {
        ok(1, "a child that passes\n");
        return;
    }
    if (argc > 1 && !strcmp(argv[1], "many_failures"))
    {
        child_many_failures();
        return;
    }
    test_harness();
    test_harness_in_process();
    test_dbgstr();
    test_wait_child_process();
    test_com();
    test_environment();
}
