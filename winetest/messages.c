/*
 * Conformance test: the message tables of imapi2.dll and imapi2fs.dll.
 *
 * Applications turn IMAPI HRESULTs into text with
 *   FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE, LoadLibrary("imapi2.dll"), hr, ...)
 * so both DLLs must carry a MESSAGETABLE whose ids are the full HRESULT values.
 * The texts themselves differ between Windows versions and UI languages, so this
 * test only checks that a text exists, is well formed and is not shared by an
 * unrelated id.
 */

#include <windows.h>

#include "imapi2error.h"
#include "imapi2fserror.h"

#include "test.h"

struct msg_id
{
    HRESULT hr;
    const char *name;
};

#define ID(x) { x, #x }

/* First and last id of each run of values, success codes and the 0x80AA...
 * severity group, so that every block of the table is touched. */
static const struct msg_id imapi2_ids[] =
{
    ID(E_IMAPI_REQUEST_CANCELLED),
    ID(E_IMAPI_RECORDER_REQUIRED),
    ID(S_IMAPI_SPEEDADJUSTED),
    ID(S_IMAPI_BOTHADJUSTED),
    ID(E_IMAPI_BURN_VERIFICATION_FAILED),
    ID(S_IMAPI_COMMAND_HAS_SENSE_DATA),
    ID(E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE),
    ID(E_IMAPI_RECORDER_MEDIA_NO_MEDIA),
    ID(E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN),
    ID(E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED),
    ID(E_IMAPI_RECORDER_LOCKED),
    ID(E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE),
    ID(E_IMAPI_LOSS_OF_STREAMING),
    ID(S_IMAPI_WRITE_NOT_IN_PROGRESS),
    ID(E_IMAPI_DF2DATA_WRITE_IN_PROGRESS),
    ID(E_IMAPI_DF2DATA_MEDIA_NOT_BLANK),
    ID(E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID),
    ID(E_IMAPI_DF2TAO_WRITE_IN_PROGRESS),
    ID(E_IMAPI_DF2TAO_INVALID_ISRC),
    ID(E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID),
    ID(E_IMAPI_DF2RAW_WRITE_IN_PROGRESS),
    ID(E_IMAPI_DF2RAW_STREAM_LEADIN_TOO_SHORT),
    ID(E_IMAPI_DF2RAW_RECORDER_NOT_SUPPORTED),
    ID(E_IMAPI_ERASE_RECORDER_IN_USE),
    ID(E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND),
    ID(E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED),
    ID(E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID),
    ID(E_IMAPI_RAW_IMAGE_IS_READ_ONLY),
    ID(S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS),
    ID(E_IMAPI_RAW_IMAGE_TRACK_INDEX_TOO_CLOSE_TO_OTHER_INDEX),
};

static const struct msg_id imapi2fs_ids[] =
{
    ID(IMAPI_E_FSI_INTERNAL_ERROR),
    ID(IMAPI_E_INVALID_PARAM),
    ID(IMAPI_E_READONLY),
    ID(IMAPI_E_FILE_SYSTEM_NOT_EMPTY),
    ID(IMAPI_E_NOT_FILE),
    ID(IMAPI_E_NOT_IN_FILE_SYSTEM),
    ID(IMAPI_E_INVALID_PATH),
    ID(IMAPI_E_NO_UNIQUE_NAME),
    ID(IMAPI_E_ITEM_NOT_FOUND),
    ID(IMAPI_E_DIR_NOT_FOUND),
    ID(IMAPI_E_IMAGE_SIZE_LIMIT),
    ID(IMAPI_E_IMAGE_TOO_BIG),
    ID(IMAPI_E_DATA_STREAM_INCONSISTENCY),
    ID(IMAPI_E_DIRECTORY_READ_FAILURE),
    ID(IMAPI_E_TOO_MANY_DIRS),
    ID(IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION),
    ID(IMAPI_E_STASHFILE_OPEN_FAILURE),
    ID(IMAPI_E_STASHFILE_MOVE),
    ID(IMAPI_E_BOOT_IMAGE_DATA),
    ID(IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH),
    ID(IMAPI_E_EMPTY_DISC),
    ID(IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE),
    ID(IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED),
    ID(IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED),
    ID(IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED),
    ID(IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG),
};

/* Ids that are not ours: a gap at the start of facility 0xAA, and a Win32 error
 * that only the system message table has (FROM_HMODULE alone must not find it). */
static const HRESULT foreign_ids[] =
{
    (HRESULT)0xC0AA0001,
    E_ACCESSDENIED,
};

static DWORD format_message(HMODULE module, HRESULT hr, WCHAR *buf, DWORD size)
{
    return FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS,
                          module, (DWORD)hr, 0, buf, size, NULL);
}

/* for trace(): ANSI, without the trailing CR LF */
static void to_ansi(const WCHAR *src, char *dst, int size)
{
    int len;

    if (!WideCharToMultiByte(CP_ACP, 0, src, -1, dst, size, NULL, NULL))
        lstrcpynA(dst, "?", size);
    dst[size - 1] = 0;
    len = lstrlenA(dst);
    while (len > 0 && (dst[len - 1] == '\r' || dst[len - 1] == '\n')) dst[--len] = 0;
}

static void test_ids(HMODULE module, const char *dll, const struct msg_id *ids, unsigned int count)
{
    static WCHAR texts[64][1024];
    WCHAR *allocated;
    char sample[256];
    unsigned int i, j, printable;
    DWORD len, len2, err;

    ok(count <= ARRAYSIZE(texts), "too many ids for the buffer\n");
    for (i = 0; i < count && i < ARRAYSIZE(texts); i++)
    {
        const char *name = ids[i].name;

        SetLastError(0xdeadbeef);
        texts[i][0] = 0;
        len = format_message(module, ids[i].hr, texts[i], ARRAYSIZE(texts[i]));
        err = GetLastError();
        ok(len != 0, "%s: %s (0x%08lx): FormatMessageW failed, error %lu\n",
           dll, name, (unsigned long)ids[i].hr, err);
        ok(len == (DWORD)lstrlenW(texts[i]), "%s: %s: returned %lu, string length %d\n",
           dll, name, len, lstrlenW(texts[i]));

        printable = 0;
        for (j = 0; j < len; j++)
            if (texts[i][j] > ' ') printable++;
        ok(printable > 0, "%s: %s: text has no printable characters\n", dll, name);
        ok(len >= 2 && texts[i][len - 2] == '\r' && texts[i][len - 1] == '\n',
           "%s: %s: text does not end with CR LF\n", dll, name);

        /* the same text when FormatMessage allocates the buffer */
        allocated = NULL;
        len2 = FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS
                              | FORMAT_MESSAGE_ALLOCATE_BUFFER, module, (DWORD)ids[i].hr, 0,
                              (WCHAR *)&allocated, 0, NULL);
        ok(len2 == len, "%s: %s: allocating call returned %lu, expected %lu\n", dll, name, len2, len);
        ok(allocated && !lstrcmpW(allocated, texts[i]), "%s: %s: allocating call returned another text\n",
           dll, name);
        LocalFree(allocated);

        if (i == 0)
        {
            to_ansi(texts[i], sample, sizeof(sample));
            trace("%s: %s: %s\n", dll, name, sample);
        }
    }

    /* Ids of different meaning must not all collapse to one text; a table built
     * with a wrong id base would typically give one text or none. */
    for (i = 1; i < count && i < ARRAYSIZE(texts); i++)
        if (lstrcmpW(texts[i], texts[0])) break;
    ok(i < count, "%s: all %u ids give the same text\n", dll, count);
}

static void test_foreign_ids(HMODULE module, const char *dll)
{
    WCHAR buf[1024];
    unsigned int i;
    DWORD len, err;

    for (i = 0; i < ARRAYSIZE(foreign_ids); i++)
    {
        SetLastError(0xdeadbeef);
        len = format_message(module, foreign_ids[i], buf, ARRAYSIZE(buf));
        err = GetLastError(); /* before ok(), whose bookkeeping may change it */
        ok(!len, "%s: id 0x%08lx unexpectedly has a text\n", dll, (unsigned long)foreign_ids[i]);
        ok(err == ERROR_MR_MID_NOT_FOUND, "%s: id 0x%08lx: error %lu, expected ERROR_MR_MID_NOT_FOUND\n",
           dll, (unsigned long)foreign_ids[i], err);
    }
}

static void test_dll(const WCHAR *dllW, const char *dll, const struct msg_id *ids, unsigned int count)
{
    HMODULE module = LoadLibraryW(dllW);
    DWORD err = GetLastError();

    ok(module != NULL, "LoadLibraryW(%s) failed, error %lu\n", dll, err);
    if (!module)
    {
        skip("%s is not available\n", dll);
        return;
    }
    test_ids(module, dll, ids, count);
    test_foreign_ids(module, dll);
    FreeLibrary(module);
}

START_TEST(messages)
{
    test_dll(L"imapi2.dll", "imapi2.dll", imapi2_ids, ARRAYSIZE(imapi2_ids));
    test_dll(L"imapi2fs.dll", "imapi2fs.dll", imapi2fs_ids, ARRAYSIZE(imapi2fs_ids));
}
