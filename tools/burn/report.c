/* imapi2-burn: English words for what went wrong and what is in the drive.
 * HRESULT texts come from the message tables of imapi2.dll and imapi2fs.dll (as
 * tools/fsiso does it), else from the system; a description the failing object left
 * in the thread's IErrorInfo (e.g. "UDF is not written yet ...") is printed too. */
#include "burn.h"

static HMODULE message_module(const WCHAR *name)
{
    HMODULE mod = GetModuleHandleW(name);
    if (!mod) mod = LoadLibraryExW(name, NULL, LOAD_LIBRARY_AS_DATAFILE);
    return mod;
}

void hr_text(HRESULT hr, WCHAR *buf, DWORD size)
{
    static const WCHAR *const modules[] = { L"imapi2.dll", L"imapi2fs.dll" };
    DWORD flags = FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK, n = 0;
    unsigned i;
    HMODULE mod;

    buf[0] = 0;
    for (i = 0; i < ARRAYSIZE(modules) && !n; i++)
        if ((mod = message_module(modules[i])))
            n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_HMODULE, mod, hr, 0, buf, size, NULL);
    if (!n) n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_SYSTEM, NULL, hr, 0, buf, size, NULL);
    if (!n && HRESULT_FACILITY(hr) == FACILITY_WIN32)
        n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_SYSTEM, NULL, HRESULT_CODE(hr), 0, buf, size, NULL);
    if (!n) lstrcpynW(buf, L"(no message text for this code)", size);
    for (n = lstrlenW(buf); n && (buf[n - 1] == ' ' || buf[n - 1] == '\r' || buf[n - 1] == '\n'); n--)
        buf[n - 1] = 0;
}

/* Before a call whose failure we report: a description left by an earlier call must
 * not explain a later failure. */
void clear_error_info(void)
{
    SetErrorInfo(0, NULL);
}

void report_failure(const char *what, HRESULT hr)
{
    WCHAR text[512];
    IErrorInfo *info = NULL;
    BSTR desc = NULL;

    progress_finish();
    hr_text(hr, text, ARRAYSIZE(text));
    fprintf(stderr, "imapi2-burn: %s failed: %ls (0x%08lx)\n", what, text, (unsigned long)hr);
    if (GetErrorInfo(0, &info) == S_OK && info)
    {
        if (SUCCEEDED(IErrorInfo_GetDescription(info, &desc)) && desc && *desc && wcscmp(desc, text))
            fprintf(stderr, "imapi2-burn:   %ls\n", desc);
        SysFreeString(desc);
        IErrorInfo_Release(info);
    }
}

const char *media_type_name(IMAPI_MEDIA_PHYSICAL_TYPE type)
{
    static const char *const names[] =
    {
        "unknown media", "CD-ROM", "CD-R", "CD-RW", "DVD-ROM", "DVD-RAM", "DVD+R", "DVD+RW", "DVD+R DL",
        "DVD-R", "DVD-RW", "DVD-R DL", "removable disk", "DVD+RW DL", "HD DVD-ROM", "HD DVD-R",
        "HD DVD-RAM", "BD-ROM", "BD-R", "BD-RE"
    };
    return (unsigned)type < ARRAYSIZE(names) ? names[type] : "unknown media";
}

void media_state_words(LONG state, char *buf, size_t size)
{
    static const struct { LONG bit; const char *word; } bits[] =
    {
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY, "overwritable" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK, "blank" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE, "appendable" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_FINAL_SESSION, "final session" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_DAMAGED, "damaged" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_ERASE_REQUIRED, "needs erasing" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_NON_EMPTY_SESSION, "open session" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED, "write-protected" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED, "closed (finalized)" },
        { IMAPI_FORMAT2_DATA_MEDIA_STATE_UNSUPPORTED_MEDIA, "not supported" },
    };
    size_t used = 0;
    unsigned i;

    buf[0] = 0;
    for (i = 0; i < ARRAYSIZE(bits); i++)
        if ((state & bits[i].bit) && used < size)
            used += snprintf(buf + used, size - used, "%s%s", used ? ", " : "", bits[i].word);
    if (!used) snprintf(buf, size, "unknown");
}

const char *action_name(IMAPI_FORMAT2_DATA_WRITE_ACTION action)
{
    static const char *const names[] =
    {
        "Validating media", "Formatting media", "Initializing", "Calibrating power", "Writing",
        "Finalizing", "Completed", "Verifying"
    };
    return (unsigned)action < ARRAYSIZE(names) ? names[action] : "Working";
}
