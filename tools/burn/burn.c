/* imapi2-burn: a console disc burner on the public IMAPI2 API only, as a Windows
 * program (or Microsoft's imapi2sample) does it:
 *   IDiscMaster2 / IDiscRecorder2     find the recorder
 *   IDiscFormat2Data                  media checks, options, Write (which takes the
 *                                     recorder's exclusive access under ClientName)
 *   IFileSystemImage (IMAPI2FS)       build an ISO 9660 + Joliet image of a folder
 *   DDiscFormat2DataEvents            live progress; Ctrl-C -> CancelWrite (progress.c)
 *
 *   imapi2-burn -list
 *   imapi2-burn [options] FOLDER
 *   imapi2-burn [options] -iso FILE.iso
 *
 * Multisession: on an appendable disc the new session is placed after the previous one
 * (IMultisessionSequential::NextWritableAddress -> IFileSystemImage::SessionStartBlock).
 * The files of earlier sessions would be carried over by IFileSystemImage::ImportFileSystem;
 * where that fails (it is not implemented yet) the tool says so and writes the new
 * session with the folder's files only.
 *
 * Exit codes: 0 done, 1 failed (the reason is printed), 2 usage, 3 cancelled by Ctrl-C. */
#include "burn.h"
#include <shlwapi.h>

BOOL quiet;

struct options
{
    LONG index;
    const WCHAR *volume, *folder, *iso;
    BOOL list, close, eject, force;
    BOOL erase, full;       /* -erase [-full] (erase.c) */
    LONG fs;                /* FsiFileSystems to create; 0: the media's defaults */
    LONG udf_revision;      /* 0: default */
    int verify;             /* IMAPI_BURN_VERIFICATION_LEVEL, -1: default (quick) */
    LONG speed;             /* in "x" of the medium, -1 fastest, 0 not asked */
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: imapi2-burn -list\n"
        "       imapi2-burn [options] FOLDER        burn the folder's contents (ISO 9660 + Joliet)\n"
        "       imapi2-burn [options] -iso FILE     burn an existing .iso image as it is\n"
        "       imapi2-burn [-d INDEX] -erase [-full]  blank a CD-RW or DVD-RW (quick; -full: the whole surface)\n"
        "options:\n"
        "  -d INDEX          the recorder (see -list; default 0)\n"
        "  -V NAME           volume name of the new image\n"
        "  -multi            leave the disc appendable for another session (default)\n"
        "  -close            close the disc: nothing can be added afterwards\n"
        "  -fs LIST          file systems: iso9660,joliet,udf (default: the media's defaults)\n"
        "  -udfrev REV       UDF revision: 0x102, 0x150, 0x200, 0x201, 0x250 or 0x260\n"
        "  -verify LEVEL     none, quick (default) or full\n"
        "  -speed N          write at N x (1x: CD 150 KB/s, DVD 1385 KB/s, BD 4495 KB/s), or max\n"
        "  -force            overwrite a rewritable disc (DVD+RW, BD-RE ...) that holds data\n"
        "  -eject            eject the disc when the burn succeeded\n"
        "  -q                quiet: no progress, errors only\n"
        "       imapi2-burn -audio [-d INDEX] [-nofinal] [-speed N] [-q] FILE.wav...\n"
        "                    burn an audio CD track at once (16-bit 44.1 kHz stereo WAV)\n"
        "       imapi2-burn -raw [-d INDEX] [-gapless] [-mcn CODE] [-isrc CODE]... [-q] FILE.wav...\n"
        "                    burn an audio CD disc at once (raw, no gaps with -gapless)\n"
        "Ctrl-C during the burn cancels it (IDiscFormat2Data::CancelWrite).\n"
        "Exit status: 0 done, 1 failed, 2 usage, 3 cancelled.\n");
}

/* ---- recorders ---- */

static HRESULT recorder_id(LONG index, BSTR *id, LONG *count)
{
    IDiscMaster2 *master;
    HRESULT hr;

    *id = NULL;
    *count = 0;
    if (FAILED(hr = CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2,
                                     (void **)&master)))
    {
        report_failure("creating MsftDiscMaster2 (are imapi2.dll and imapi2fs.dll registered?)", hr);
        return hr;
    }
    if (FAILED(hr = IDiscMaster2_get_Count(master, count))) report_failure("IDiscMaster2::Count", hr);
    else if (index >= 0 && index < *count && FAILED(hr = IDiscMaster2_get_Item(master, index, id)))
        report_failure("IDiscMaster2::Item", hr);
    IDiscMaster2_Release(master);
    return hr;
}

HRESULT open_recorder(LONG index, IDiscRecorder2 **recorder)
{
    LONG count;
    BSTR id;
    HRESULT hr;

    *recorder = NULL;
    if (FAILED(hr = recorder_id(index, &id, &count))) return hr;
    if (!id)
    {
        if (!count) fprintf(stderr, "imapi2-burn: no recorder was found (IDiscMaster2::Count is 0)\n");
        else fprintf(stderr, "imapi2-burn: there is no recorder %ld: %ld found, numbered 0 to %ld (see -list)\n",
                     index, count, count - 1);
        return E_INVALIDARG;
    }
    if (SUCCEEDED(hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER,
                                        &IID_IDiscRecorder2, (void **)recorder)))
        hr = IDiscRecorder2_InitializeDiscRecorder(*recorder, id);
    if (FAILED(hr)) report_failure("InitializeDiscRecorder", hr);
    SysFreeString(id);
    return hr;
}

/* "VENDOR PRODUCT (rev R), drive E:\" */
void describe_recorder(IDiscRecorder2 *recorder, char *buf, size_t size)
{
    BSTR vendor = NULL, product = NULL, revision = NULL, path = NULL;
    SAFEARRAY *paths = NULL;
    size_t used;

    IDiscRecorder2_get_VendorId(recorder, &vendor);
    IDiscRecorder2_get_ProductId(recorder, &product);
    IDiscRecorder2_get_ProductRevision(recorder, &revision);
    if (SUCCEEDED(IDiscRecorder2_get_VolumePathNames(recorder, &paths)) && paths && paths->rgsabound[0].cElements)
    {
        VARIANT *v = paths->pvData;
        if (V_VT(&v[0]) == VT_BSTR) path = SysAllocString(V_BSTR(&v[0]));
    }
    if (paths) SafeArrayDestroy(paths);
    used = snprintf(buf, size, "%ls %ls (rev %ls)", vendor ? vendor : L"?", product ? product : L"?",
                    revision ? revision : L"?");
    if (path && used < size) snprintf(buf + used, size - used, ", drive %ls", path);
    SysFreeString(vendor);
    SysFreeString(product);
    SysFreeString(revision);
    SysFreeString(path);
}

static void report_in_use(IDiscRecorder2 *recorder);

/* Does another program hold the recorder's exclusive access right now? (We never hold it
 * outside IDiscFormat2Data::Write, so any owner is someone else.) */
static BOOL held_by_other(IDiscRecorder2 *recorder)
{
    BSTR owner = NULL;
    BOOL held = SUCCEEDED(IDiscRecorder2_get_ExclusiveAccessOwner(recorder, &owner)) && owner && *owner;
    SysFreeString(owner);
    return held;
}

/* A failure while another program holds the recorder also says who: that program is
 * the likeliest reason, whatever code the failed call gave. */
void report_recorder_failure(IDiscRecorder2 *recorder, const char *what, HRESULT hr)
{
    report_failure(what, hr);
    if (hr == E_ACCESSDENIED || hr == E_IMAPI_RECORDER_LOCKED || held_by_other(recorder)) report_in_use(recorder);
}

static HRESULT create_format(IDiscRecorder2 *recorder, IDiscFormat2Data **format)
{
    VARIANT_BOOL supported = VARIANT_FALSE;
    WCHAR name[48];
    BSTR client;
    HRESULT hr;

    if (FAILED(hr = CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER,
                                     &IID_IDiscFormat2Data, (void **)format)))
        return report_failure("creating MsftDiscFormat2Data", hr), hr;
    if (FAILED(hr = IDiscFormat2Data_IsRecorderSupported(*format, recorder, &supported)))
        report_recorder_failure(recorder, "IDiscFormat2Data::IsRecorderSupported", hr);
    else if (!supported)
    {
        fprintf(stderr, "imapi2-burn: this recorder cannot write data discs (IsRecorderSupported is FALSE)\n");
        hr = E_IMAPI_DF2DATA_RECORDER_NOT_SUPPORTED;
    }
    else if (FAILED(hr = IDiscFormat2Data_put_Recorder(*format, recorder)))
        report_recorder_failure(recorder, "IDiscFormat2Data::Recorder", hr);
    if (FAILED(hr)) return hr;
    /* The exclusive-access owner others see (ExclusiveAccessOwner): "imapi2-burn process
     * <pid>"; letters, digits, '-' and spaces only, as IOCTL_CDROM_EXCLUSIVE_ACCESS wants. */
    swprintf(name, ARRAYSIZE(name), L"imapi2-burn process %lu", GetCurrentProcessId());
    client = SysAllocString(name);
    if (FAILED(hr = IDiscFormat2Data_put_ClientName(*format, client)))
        report_failure("IDiscFormat2Data::ClientName", hr);
    SysFreeString(client);
    return hr;
}

/* What is in the drive, as one line; S_OK also without a disc (*present FALSE). */
struct media
{
    BOOL present, supported, blank;
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    LONG state, free_sectors;
};

static HRESULT query_media(IDiscRecorder2 *recorder, IDiscFormat2Data *format, struct media *m)
{
    VARIANT_BOOL flag = VARIANT_FALSE;
    HRESULT hr, hr2;

    unsigned tries;

    memset(m, 0, sizeof(*m));
    /* A drive that just got its disc is "becoming ready" for a moment: poll it with
     * TEST UNIT READY, as burning programs do (up to 10 s). */
    for (tries = 0; tries < 100; tries++)
    {
        IDiscRecorder2Ex *ex;
        hr = IDiscFormat2Data_get_CurrentMediaStatus(format, (IMAPI_FORMAT2_DATA_MEDIA_STATE *)&m->state);
        if (hr != E_IMAPI_RECORDER_MEDIA_BECOMING_READY) break;
        if (SUCCEEDED(IDiscRecorder2_QueryInterface(recorder, &IID_IDiscRecorder2Ex, (void **)&ex)))
        {
            BYTE tur[6] = { 0 }, sense[18];
            IDiscRecorder2Ex_SendCommandNoData(ex, tur, sizeof(tur), sense, 10);
            IDiscRecorder2Ex_Release(ex);
        }
        Sleep(100);
    }
#define HELD_ELSEWHERE(h) ((h) == E_IMAPI_RECORDER_LOCKED || (h) == E_ACCESSDENIED)
    /* Another program may take the recorder between two of these questions: that is its
     * own answer ("in use"), never "no usable disc". */
    if (HELD_ELSEWHERE(hr)) return hr;
    if (HELD_ELSEWHERE(hr2 = IDiscFormat2Data_get_CurrentPhysicalMediaType(format, &m->type))) return hr2;
    if (hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA) return S_OK;
    if (FAILED(hr)) return hr;
    m->present = TRUE;
    /* a failed question is reported as such, never read as "cannot write this disc" */
    if (FAILED(hr2 = IDiscFormat2Data_IsCurrentMediaSupported(format, recorder, &flag))) return hr2;
    m->supported = flag != 0;
    /* answers taken while another program took the recorder over are not the disc's */
    if (!m->supported && held_by_other(recorder)) return E_IMAPI_RECORDER_LOCKED;
    flag = VARIANT_FALSE;
    if (m->supported && SUCCEEDED(IDiscFormat2Data_get_MediaHeuristicallyBlank(format, &flag))) m->blank = flag != 0;
    if (FAILED(IDiscFormat2Data_get_FreeSectorsOnMedia(format, &m->free_sectors))) m->free_sectors = 0;
    return S_OK;
}

static void describe_media(const struct media *m, char *buf, size_t size)
{
    char words[160];

    if (!m->present)
    {
        snprintf(buf, size, "no disc");
        return;
    }
    media_state_words(m->state, words, sizeof(words));
    if (!m->supported)
        snprintf(buf, size, "%s: %s (CurrentMediaStatus 0x%04lx); IDiscFormat2Data cannot write to it",
                 media_type_name(m->type), words, m->state);
    else
        snprintf(buf, size, "%s: %s (CurrentMediaStatus 0x%04lx); %ld free sectors (%.1f MB)",
                 media_type_name(m->type), words, m->state, m->free_sectors, m->free_sectors * 2048.0 / 1048576);
}

static int list_recorders(void)
{
    LONG count = 0, i;
    BSTR id;
    HRESULT hr;

    if (FAILED(recorder_id(-1, &id, &count))) return 1;
    printf("%ld recorder(s)\n", count);
    for (i = 0; i < count; i++)
    {
        IDiscRecorder2 *recorder;
        IDiscFormat2Data *format = NULL;
        struct media m;
        char text[400];

        if (FAILED(recorder_id(i, &id, &count)) || !id) return 1;
        printf("%ld: ", i);
        if (FAILED(hr = open_recorder(i, &recorder))) { SysFreeString(id); continue; }
        describe_recorder(recorder, text, sizeof(text));
        printf("%s\n   id     %ls\n", text, id);
        SysFreeString(id);
        if (SUCCEEDED(hr = CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER,
                                            &IID_IDiscFormat2Data, (void **)&format))
            && SUCCEEDED(hr = IDiscFormat2Data_put_Recorder(format, recorder))
            && SUCCEEDED(hr = query_media(recorder, format, &m)))
        {
            describe_media(&m, text, sizeof(text));
            printf("   media  %s\n", text);
        }
        else
        {
            hr_text(hr, (WCHAR *)text, sizeof(text) / sizeof(WCHAR));
            printf("   media  cannot be read: %ls (0x%08lx)\n", (WCHAR *)text, (unsigned long)hr);
        }
        if (format) IDiscFormat2Data_Release(format);
        IDiscRecorder2_Release(recorder);
    }
    return 0;
}

/* ---- before the burn ---- */

/* Refuses, in words, what IDiscFormat2Data cannot write; prints the media line. */
static HRESULT check_media(const struct options *o, const struct media *m)
{
    char text[400];

    if (!m->present)
    {
        fprintf(stderr, "imapi2-burn: there is no disc in the recorder: insert a blank or appendable disc\n");
        return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    }
    describe_media(m, text, sizeof(text));
    if (!quiet) printf("media:    %s\n", text);
    if (m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED)
    {
        fprintf(stderr, "imapi2-burn: the disc is write-protected: nothing was written\n");
        return E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED;
    }
    if (m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED)
    {
        fprintf(stderr, "imapi2-burn: the disc is closed (finalized): nothing more can be written to it. "
                "Insert a blank disc, or erase a rewritable one\n");
        return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    }
    if (m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_ERASE_REQUIRED)
    {
        fprintf(stderr, "imapi2-burn: the disc has to be erased before it can be written\n");
        return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    }
    if (!m->supported && m->type == IMAPI_MEDIA_TYPE_UNKNOWN)
    {
        fprintf(stderr, "imapi2-burn: no usable disc in the recorder: the tray is open, or the disc is not "
                "recognized (CurrentMediaStatus 0x%04lx)\n", m->state);
        return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    }
    if (!m->supported || (m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_UNSUPPORTED_MASK))
    {
        fprintf(stderr, "imapi2-burn: IDiscFormat2Data cannot write this disc (%s)\n", text);
        return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    }
    if ((m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) && !m->blank && !o->force)
    {
        fprintf(stderr, "imapi2-burn: the %s already holds data; add -force to overwrite it\n",
                media_type_name(m->type));
        return E_IMAPI_DF2DATA_MEDIA_NOT_BLANK;
    }
    if (o->iso && !m->blank && !(m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY))
    {
        fprintf(stderr, "imapi2-burn: the disc already holds a session; an .iso image is made for the start "
                "of a blank disc and would not be readable as a later session. Use a blank disc\n");
        return E_IMAPI_DF2DATA_MEDIA_NOT_BLANK;
    }
    return S_OK;
}

/* The 1x speed of the medium in 2048-byte sectors per second (CD: 2352-byte, 75). */
static LONG one_x(IMAPI_MEDIA_PHYSICAL_TYPE type)
{
    if (type >= IMAPI_MEDIA_TYPE_CDROM && type <= IMAPI_MEDIA_TYPE_CDRW) return 75;
    if (type >= IMAPI_MEDIA_TYPE_BDROM && type <= IMAPI_MEDIA_TYPE_BDRE) return 2195;   /* 4495 kB/s */
    if (type >= IMAPI_MEDIA_TYPE_HDDVDROM && type <= IMAPI_MEDIA_TYPE_HDDVDRAM) return 2231;
    return 676;                                                                        /* 1385 kB/s */
}

static HRESULT set_options(const struct options *o, IDiscFormat2Data *format, const struct media *m)
{
    HRESULT hr;

    /* Leaving the disc appendable: on DVD+R IMAPI2 closes the disc for DVD-ROM
     * compatibility unless DisableConsumerDvdCompatibilityMode is set. */
    if (FAILED(hr = IDiscFormat2Data_put_ForceMediaToBeClosed(format, o->close ? VARIANT_TRUE : VARIANT_FALSE)))
        return report_failure("IDiscFormat2Data::ForceMediaToBeClosed", hr), hr;
    if (!o->close && FAILED(hr = IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode(format, VARIANT_TRUE)))
        return report_failure("IDiscFormat2Data::DisableConsumerDvdCompatibilityMode", hr), hr;
    if (o->force && FAILED(hr = IDiscFormat2Data_put_ForceOverwrite(format, VARIANT_TRUE)))
        return report_failure("IDiscFormat2Data::ForceOverwrite", hr), hr;
    if (o->verify >= 0)
    {
        IBurnVerification *verification;
        if (FAILED(hr = IDiscFormat2Data_QueryInterface(format, &IID_IBurnVerification, (void **)&verification)))
            return report_failure("QueryInterface(IBurnVerification)", hr), hr;
        hr = IBurnVerification_put_BurnVerificationLevel(verification, o->verify);
        IBurnVerification_Release(verification);
        if (FAILED(hr)) return report_failure("IBurnVerification::BurnVerificationLevel", hr), hr;
    }
    if (o->speed)
    {
        LONG x = one_x(m->type), asked = o->speed < 0 ? -1 : o->speed * x, current = 0;
        if (FAILED(hr = IDiscFormat2Data_SetWriteSpeed(format, asked, VARIANT_FALSE)))
            return report_failure("IDiscFormat2Data::SetWriteSpeed", hr), hr;
        IDiscFormat2Data_get_CurrentWriteSpeed(format, &current);
        if (!quiet)
        {
            if (asked < 0) printf("speed:    fastest: ");
            else printf("speed:    asked for %ldx (%ld sectors/s): ", o->speed, asked);
            printf("the drive writes at %.1fx (%ld sectors/s)%s\n", (double)current / x, current,
                   hr == S_IMAPI_SPEEDADJUSTED ? ", speed adjusted by the drive"
                   : hr == S_IMAPI_ROTATIONADJUSTED ? ", rotation type adjusted by the drive"
                   : hr == S_IMAPI_BOTHADJUSTED ? ", speed and rotation type adjusted by the drive" : "");
        }
    }
    return S_OK;
}

/* ---- the image ---- */

static void describe_fs(LONG fs, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s", fs & FsiFileSystemISO9660 ? "ISO 9660" : "",
             (fs & FsiFileSystemJoliet) ? (fs & FsiFileSystemISO9660 ? " + Joliet" : "Joliet") : "",
             (fs & FsiFileSystemUDF) ? (fs & (FsiFileSystemISO9660 | FsiFileSystemJoliet) ? " + UDF" : "UDF") : "",
             fs ? "" : "none");
}

/* report_recorder_failure for a call on the format object: the recorder's holder is
 * named when another program has it (the two-burner race may land here). */
static BOOL disc_closed_meanwhile(IDiscRecorder2 *recorder, IDiscFormat2Data *format);

static void report_format_failure(IDiscFormat2Data *format, const char *what, HRESULT hr)
{
    IDiscRecorder2 *recorder = NULL;
    if (SUCCEEDED(IDiscFormat2Data_get_Recorder(format, &recorder)) && recorder)
    {
        if (disc_closed_meanwhile(recorder, format))
            fprintf(stderr, "imapi2-burn: %s failed: the disc is closed (finalized): another program wrote and "
                    "closed it after it was checked; nothing was written (0x%08lx)\n", what, (unsigned long)hr);
        else report_recorder_failure(recorder, what, hr);
        IDiscRecorder2_Release(recorder);
    }
    else report_failure(what, hr);
}

/* An appendable sequential disc: the new session goes after the previous one. Import of
 * the earlier files is tried first; without it the session holds the folder only. */
static HRESULT place_after_previous_session(IFileSystemImage *fsi, IDiscFormat2Data *format, LONG free_sectors)
{
    IMultisessionSequential *seq = NULL;
    FsiFileSystems imported = FsiFileSystemNone;
    SAFEARRAY *ms = NULL;
    LONG nwa = 0, i, lb, ub;
    WCHAR text[300];
    HRESULT hr;

    if (FAILED(hr = IDiscFormat2Data_get_MultisessionInterfaces(format, &ms)))
        return report_format_failure(format, "IDiscFormat2Data::MultisessionInterfaces", hr), hr;
    if (FAILED(hr = IFileSystemImage_put_MultisessionInterfaces(fsi, ms)))
    {
        report_format_failure(format, "IFileSystemImage::MultisessionInterfaces", hr);
        SafeArrayDestroy(ms);
        return hr;
    }
    SafeArrayGetLBound(ms, 1, &lb);
    SafeArrayGetUBound(ms, 1, &ub);
    for (i = lb; i <= ub && !seq; i++)
    {
        VARIANT v;
        VariantInit(&v);
        if (SUCCEEDED(SafeArrayGetElement(ms, &i, &v)) && (V_VT(&v) == VT_DISPATCH || V_VT(&v) == VT_UNKNOWN)
            && V_UNKNOWN(&v))
            IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_IMultisessionSequential, (void **)&seq);
        VariantClear(&v);
    }
    SafeArrayDestroy(ms);

    clear_error_info();
    if (SUCCEEDED(hr = IFileSystemImage_ImportFileSystem(fsi, &imported)))
    {
        if (!quiet) printf("session:  the files of the earlier sessions were imported (file systems 0x%x)\n", imported);
    }
    else
    {
        hr_text(hr, text, ARRAYSIZE(text));
        printf("session:  the disc already holds a session. ImportFileSystem failed: %ls (0x%08lx).\n"
               "          The files of earlier sessions are not carried over yet: the new session holds\n"
               "          only the new folder (the earlier sessions stay on the disc, but readers show\n"
               "          the last session).\n", text, (unsigned long)hr);
        if (!seq)
        {
            fprintf(stderr, "imapi2-burn: the multisession interfaces offer no IMultisessionSequential\n");
            return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
        }
        if (FAILED(hr = IMultisessionSequential_get_NextWritableAddress(seq, &nwa)))
            report_failure("IMultisessionSequential::NextWritableAddress", hr);
        else if (FAILED(hr = IFileSystemImage_put_SessionStartBlock(fsi, nwa)))
            report_failure("IFileSystemImage::SessionStartBlock", hr);
        else if (free_sectors > 0 && FAILED(hr = IFileSystemImage_put_FreeMediaBlocks(fsi, free_sectors)))
            report_failure("IFileSystemImage::FreeMediaBlocks", hr);
        else if (!quiet)
            printf("session:  the new session starts at block %ld (the next writable address)\n", nwa);
    }
    if (seq) IMultisessionSequential_Release(seq);
    return hr;
}

static HRESULT build_image(const struct options *o, IDiscRecorder2 *recorder, IDiscFormat2Data *format,
                           const struct media *m, IStream **image, LONG *blocks)
{
    IFileSystemImage *fsi;
    IFsiDirectoryItem *root = NULL;
    IFileSystemImageResult *result = NULL;
    LONG fs = 0, start = 0;
    BSTR text;
    char names[64];
    HRESULT hr;

    if (FAILED(hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER,
                                     &IID_IFileSystemImage, (void **)&fsi)))
        return report_failure("creating MsftFileSystemImage", hr), hr;
    /* The documented way; where ChooseImageDefaults(recorder) is not there yet, the
     * older samples' way with the recorder's current media type. */
    if (FAILED(IFileSystemImage_ChooseImageDefaults(fsi, recorder))
        && FAILED(hr = IFileSystemImage_ChooseImageDefaultsForMediaType(fsi, m->type)))
        report_failure("IFileSystemImage::ChooseImageDefaultsForMediaType", hr);
    else if (o->fs && FAILED(hr = IFileSystemImage_put_FileSystemsToCreate(fsi, o->fs)))
        report_failure("IFileSystemImage::FileSystemsToCreate", hr);
    else if (o->udf_revision && FAILED(hr = IFileSystemImage_put_UDFRevision(fsi, o->udf_revision)))
        report_failure("IFileSystemImage::UDFRevision", hr);
    if (SUCCEEDED(hr) && o->volume)
    {
        text = SysAllocString(o->volume);
        if (FAILED(hr = IFileSystemImage_put_VolumeName(fsi, text))) report_failure("IFileSystemImage::VolumeName", hr);
        SysFreeString(text);
    }
    if (SUCCEEDED(hr))
    {
        if (!m->blank && !(m->state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY))
            hr = place_after_previous_session(fsi, format, m->free_sectors);
        else if (m->free_sectors > 0 && FAILED(hr = IFileSystemImage_put_FreeMediaBlocks(fsi, m->free_sectors)))
            report_failure("IFileSystemImage::FreeMediaBlocks", hr);
    }
    if (SUCCEEDED(hr) && FAILED(hr = IFileSystemImage_get_Root(fsi, &root)))
        report_failure("IFileSystemImage::Root", hr);
    if (SUCCEEDED(hr))
    {
        text = SysAllocString(o->folder);
        clear_error_info();
        if (FAILED(hr = IFsiDirectoryItem_AddTree(root, text, VARIANT_FALSE)))
        {
            if (hr == IMAPI_E_IMAGE_TOO_BIG)
                fprintf(stderr, "imapi2-burn: the folder does not fit on the disc (%ld free sectors)\n", m->free_sectors);
            report_failure("adding the folder to the image (IFsiDirectoryItem::AddTree)", hr);
        }
        SysFreeString(text);
    }
    if (SUCCEEDED(hr))
    {
        IFileSystemImage_get_FileSystemsToCreate(fsi, (FsiFileSystems *)&fs);
        clear_error_info();
        if (FAILED(hr = IFileSystemImage_CreateResultImage(fsi, &result)))
            report_failure("making the image (IFileSystemImage::CreateResultImage)", hr);
    }
    if (SUCCEEDED(hr))
    {
        IFileSystemImageResult_get_TotalBlocks(result, blocks);
        IFileSystemImage_get_SessionStartBlock(fsi, &start);
        if (FAILED(hr = IFileSystemImageResult_get_ImageStream(result, image)))
            report_failure("IFileSystemImageResult::ImageStream", hr);
        else if (!quiet)
        {
            describe_fs(fs, names, sizeof(names));
            printf("image:    %s, %ld sectors (%.1f MB), first block %ld\n", names, *blocks,
                   *blocks * 2048.0 / 1048576, start);
        }
    }
    if (result) IFileSystemImageResult_Release(result);
    if (root) IFsiDirectoryItem_Release(root);
    IFileSystemImage_Release(fsi);
    return hr;
}

static HRESULT open_iso(const WCHAR *path, IStream **image, LONG *blocks)
{
    STATSTG stat;
    HRESULT hr;

    if (FAILED(hr = SHCreateStreamOnFileEx(path, STGM_READ | STGM_SHARE_DENY_WRITE, FILE_ATTRIBUTE_NORMAL, FALSE,
                                           NULL, image)))
    {
        fprintf(stderr, "imapi2-burn: cannot open %ls\n", path);
        return report_failure("opening the image (SHCreateStreamOnFileEx)", hr), hr;
    }
    memset(&stat, 0, sizeof(stat));
    if (FAILED(hr = IStream_Stat(*image, &stat, STATFLAG_NONAME))) return report_failure("IStream::Stat", hr), hr;
    if (!stat.cbSize.QuadPart || stat.cbSize.QuadPart % 2048)
    {
        fprintf(stderr, "imapi2-burn: %ls is %I64u bytes, not a whole number of 2048-byte sectors: "
                "it is not an ISO image IDiscFormat2Data can write\n", path, stat.cbSize.QuadPart);
        return E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED;
    }
    *blocks = (LONG)(stat.cbSize.QuadPart / 2048);
    if (!quiet) printf("image:    %ls, %ld sectors (%.1f MB)\n", path, *blocks, *blocks * 2048.0 / 1048576);
    return S_OK;
}

/* ---- the burn ---- */

/* Another program has the recorder: say who, in words, besides the code. */
static void report_in_use(IDiscRecorder2 *recorder)
{
    BSTR owner = NULL;
    if (FAILED(IDiscRecorder2_get_ExclusiveAccessOwner(recorder, &owner))) owner = NULL;
    if (owner && *owner)
        fprintf(stderr, "imapi2-burn: the recorder is in use: \"%ls\" has exclusive access to it; "
                "nothing was written. Try again when it has finished.\n", owner);
    else
        fprintf(stderr, "imapi2-burn: the recorder is in use by another program (exclusive access); "
                "nothing was written. Try again when it has finished.\n");
    SysFreeString(owner);
}

/* Write refused the disc although check_media took it: another burner may have closed
 * it in between (no lock is held from the check to the Write). Asked again, the drive
 * says so. */
static BOOL disc_closed_meanwhile(IDiscRecorder2 *recorder, IDiscFormat2Data *format)
{
    struct media now;
    return SUCCEEDED(query_media(recorder, format, &now)) && now.present
           && (now.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED);
}

static HRESULT write_image(IDiscRecorder2 *recorder, IDiscFormat2Data *format, IStream *image, LONG blocks)
{
    IConnectionPoint *cp = NULL;
    DWORD cookie = 0;
    ULONGLONG t0;
    HRESULT hr;

    if (FAILED(hr = progress_advise(format, &cp, &cookie)))
        report_failure("connecting to DDiscFormat2DataEvents (no progress shown)", hr);
    progress_install_ctrl_c();
    t0 = GetTickCount64();
    clear_error_info();
    hr = IDiscFormat2Data_Write(format, image);
    progress_finish();
    progress_unadvise(cp, cookie);
    if (hr == E_IMAPI_REQUEST_CANCELLED)
        fprintf(stderr, "imapi2-burn: the burn was cancelled (Ctrl-C); the disc may hold an incomplete "
                "track that a reader ignores\n");
    else if (hr == E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED && disc_closed_meanwhile(recorder, format))
        fprintf(stderr, "imapi2-burn: the disc is closed (finalized): another program wrote and closed it "
                "after it was checked; nothing was written (0x%08lx)\n", (unsigned long)hr);
    else if (FAILED(hr)) report_recorder_failure(recorder, "writing the disc (IDiscFormat2Data::Write)", hr);
    else if (!quiet)
    {
        double s = (GetTickCount64() - t0) / 1000.0;
        printf("burned:   %ld sectors (%.1f MB) in %.1f s\n", blocks, blocks * 2048.0 / 1048576, s);
    }
    return hr;
}

static int burn(const struct options *o)
{
    IDiscRecorder2 *recorder = NULL;
    IDiscFormat2Data *format = NULL;
    IStream *image = NULL;
    struct media m;
    LONG blocks = 0;
    char text[400];
    HRESULT hr;

    if (FAILED(hr = open_recorder(o->index, &recorder))) return 1;
    describe_recorder(recorder, text, sizeof(text));
    if (!quiet) printf("recorder: %ld: %s\n", o->index, text);
    if (SUCCEEDED(hr = create_format(recorder, &format)))
    {
        if (FAILED(hr = query_media(recorder, format, &m))) report_recorder_failure(recorder, "reading the disc's state", hr);
        else if (SUCCEEDED(hr = check_media(o, &m)) && SUCCEEDED(hr = set_options(o, format, &m)))
        {
            if (o->iso) hr = open_iso(o->iso, &image, &blocks);
            else hr = build_image(o, recorder, format, &m, &image, &blocks);
            if (SUCCEEDED(hr)) hr = write_image(recorder, format, image, blocks);
        }
        if (SUCCEEDED(hr) && SUCCEEDED(query_media(recorder, format, &m)) && !quiet)
        {
            describe_media(&m, text, sizeof(text));
            printf("disc now: %s\n", text);
        }
    }
    if (SUCCEEDED(hr) && o->eject)
    {
        if (FAILED(hr = IDiscRecorder2_EjectMedia(recorder))) report_failure("IDiscRecorder2::EjectMedia", hr);
        else if (!quiet) printf("ejected the disc\n");
    }
    if (image) IStream_Release(image);
    if (format) IDiscFormat2Data_Release(format);
    IDiscRecorder2_Release(recorder);
    if (hr == E_IMAPI_REQUEST_CANCELLED) return 3;
    return FAILED(hr) ? 1 : 0;
}

/* ---- options ---- */

static BOOL parse_fs(const WCHAR *list, LONG *fs)
{
    const WCHAR *p = list;
    *fs = 0;
    while (*p)
    {
        size_t n = wcscspn(p, L",");
        if (n == 7 && !_wcsnicmp(p, L"iso9660", n)) *fs |= FsiFileSystemISO9660;
        else if (n == 6 && !_wcsnicmp(p, L"joliet", n)) *fs |= FsiFileSystemJoliet;
        else if (n == 3 && !_wcsnicmp(p, L"udf", n)) *fs |= FsiFileSystemUDF;
        else return FALSE;
        p += n;
        if (*p) p++;
    }
    return *fs != 0;
}

static int bad_usage(const char *why)
{
    fprintf(stderr, "imapi2-burn: %s\n", why);
    usage(stderr);
    return 2;
}

int wmain(int argc, WCHAR **argv)
{
    struct options o;
    WCHAR *end;
    int i, rc;

    if (argc > 1 && !wcscmp(argv[1], L"-audio")) return audio_main(argc, argv);   /* audio.c */
    if (argc > 1 && !wcscmp(argv[1], L"-raw")) return raw_main(argc, argv);       /* rawcd.c */
    memset(&o, 0, sizeof(o));
    o.verify = -1;
    for (i = 1; i < argc; i++)
    {
        const WCHAR *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!wcscmp(a, L"-list")) o.list = TRUE;
        else if (!wcscmp(a, L"-q")) quiet = TRUE;
        else if (!wcscmp(a, L"-multi")) o.close = FALSE;
        else if (!wcscmp(a, L"-close")) o.close = TRUE;
        else if (!wcscmp(a, L"-eject")) o.eject = TRUE;
        else if (!wcscmp(a, L"-force")) o.force = TRUE;
        else if (!wcscmp(a, L"-erase")) o.erase = TRUE;
        else if (!wcscmp(a, L"-full")) o.full = TRUE;
        else if (!wcscmp(a, L"-h") || !wcscmp(a, L"-?") || !wcscmp(a, L"--help")) { usage(stdout); return 0; }
        else if (a[0] == '-' && a[1] && !next) return bad_usage("an option lacks its value");
        else if (!wcscmp(a, L"-d"))
        {
            o.index = wcstol(argv[++i], &end, 10);
            if (*end || o.index < 0) return bad_usage("-d wants a recorder index (see -list)");
        }
        else if (!wcscmp(a, L"-V")) o.volume = argv[++i];
        else if (!wcscmp(a, L"-iso")) o.iso = argv[++i];
        else if (!wcscmp(a, L"-fs")) { if (!parse_fs(argv[++i], &o.fs)) return bad_usage("-fs wants iso9660,joliet,udf"); }
        else if (!wcscmp(a, L"-udfrev"))
        {
            o.udf_revision = wcstol(argv[++i], &end, 0);
            if (*end || o.udf_revision <= 0) return bad_usage("-udfrev wants a revision such as 0x102");
        }
        else if (!wcscmp(a, L"-verify"))
        {
            i++;
            if (!wcscmp(argv[i], L"none")) o.verify = IMAPI_BURN_VERIFICATION_NONE;
            else if (!wcscmp(argv[i], L"quick")) o.verify = IMAPI_BURN_VERIFICATION_QUICK;
            else if (!wcscmp(argv[i], L"full")) o.verify = IMAPI_BURN_VERIFICATION_FULL;
            else return bad_usage("-verify wants none, quick or full");
        }
        else if (!wcscmp(a, L"-speed"))
        {
            i++;
            if (!wcscmp(argv[i], L"max")) o.speed = -1;
            else if ((o.speed = wcstol(argv[i], &end, 10)) <= 0 || *end)
                return bad_usage("-speed wants a positive number (times the 1x speed) or max");
        }
        else if (a[0] == '-' && a[1]) return bad_usage("unknown option");
        else if (o.folder) return bad_usage("only one folder can be burned at a time");
        else o.folder = a;
    }
    if (o.full && !o.erase) return bad_usage("-full goes with -erase");
    if (o.erase && (o.folder || o.iso || o.list)) return bad_usage("-erase blanks the disc: no folder, -iso or -list with it");
    if (!o.list && !o.erase && !o.folder && !o.iso) return bad_usage("nothing to burn: give a folder or -iso FILE");
    if (o.folder && o.iso) return bad_usage("give a folder or -iso FILE, not both");
    if (o.iso && (o.fs || o.udf_revision || o.volume))
        return bad_usage("-fs, -udfrev and -V describe a new image; -iso burns an existing one as it is");

    /* A console tool needs no apartment window: in an STA, Wine's COM makes one for the
     * first object, and the first window of a process starts the desktop (explorer.exe),
     * a second program competing for the two cores of a small machine during the burn
     * (measured: 16 MiB burns 0.49-0.53 s in an STA, 0.45 s here). Our objects are
     * ThreadingModel Both and fire events on the caller's thread, so the progress sink
     * runs on this thread either way; Ctrl-C's CancelWrite comes from the console's
     * handler thread, which an MTA admits without marshaling. */
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    rc = o.list ? list_recorders() : o.erase ? erase_disc(o.index, o.full, o.eject) : burn(&o);
    CoUninitialize();
    return rc;
}
