/*
 * Conformance tests of MsftRawCDImageCreator and IRawCDImageTrackInfo: defaults, the
 * documented codes (no tracks, sector type, too many tracks, insufficient space, tracks
 * already added, read only after CreateResultImage, the track index codes) and the image
 * itself: every sector from MSF 95:00:00 read back, each Q sub-channel decoded here with
 * its CRC computed bit by bit (an independent CRC-16/CCITT), its absolute time checked
 * against the sector's position, the track/index numbers, the MCN and ISRC frames, and
 * the main channel equal to the track streams (silence in the gaps).
 */
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"

#define SECTOR 2352

static IRawCDImageCreator *new_creator(void)
{
    IRawCDImageCreator *c = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftRawCDImageCreator, NULL, CLSCTX_INPROC_SERVER, &IID_IRawCDImageCreator, (void **)&c);
    ok(hr == S_OK, "CoCreateInstance(MsftRawCDImageCreator) %08lx\n", hr);
    return c;
}

static IStream *mem_stream(unsigned bytes, unsigned seed, BYTE **copy)
{
    IStream *s = NULL;
    BYTE *p = malloc(bytes ? bytes : 1);
    LARGE_INTEGER zero;
    unsigned i;
    for (i = 0; i < bytes; i++) p[i] = (BYTE)(i * 13 + seed + (i >> 9));
    CreateStreamOnHGlobal(NULL, TRUE, &s);
    IStream_Write(s, p, bytes, NULL);
    zero.QuadPart = 0;
    IStream_Seek(s, zero, STREAM_SEEK_SET, NULL);
    if (copy) *copy = p;
    else free(p);
    return s;
}

/* bit by bit, MSB first, polynomial 0x1021, initial 0; stored inverted */
static BOOL q_crc_ok(const BYTE *q)
{
    unsigned crc = 0;
    int i, b;
    for (i = 0; i < 10; i++)
        for (b = 7; b >= 0; b--)
        {
            unsigned bit = ((q[i] >> b) & 1) ^ ((crc >> 15) & 1);
            crc = (crc << 1) & 0xFFFF;
            if (bit) crc ^= 0x1021;
        }
    crc ^= 0xFFFF;
    return q[10] == (crc >> 8) && q[11] == (crc & 0xFF);
}

static unsigned bcd(BYTE v) { return (v >> 4) * 10 + (v & 15); }

static void test_defaults_and_codes(void)
{
    IRawCDImageCreator *c = new_creator();
    IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE type = 0;
    IStream *s, *result = (IStream *)1;
    SAFEARRAY *sa = (SAFEARRAY *)1;
    VARIANT_BOOL flag = VARIANT_TRUE;
    LONG v = -1, index = 0;
    BSTR b = NULL;
    HRESULT hr;

    if (!c) return;
    ok(IRawCDImageCreator_get_ResultingImageType(c, &type) == S_OK && type == IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED, "type %d\n", type);
    ok(IRawCDImageCreator_get_StartingTrackNumber(c, &v) == S_OK && v == 1, "StartingTrackNumber %ld\n", v);
    ok(IRawCDImageCreator_get_NumberOfExistingTracks(c, &v) == S_OK && v == 0, "NumberOfExistingTracks %ld\n", v);
    ok(IRawCDImageCreator_get_StartOfLeadoutLimit(c, &v) == S_OK && v == 398099, "StartOfLeadoutLimit %ld\n", v);
    ok(IRawCDImageCreator_get_DisableGaplessAudio(c, &flag) == S_OK && flag == VARIANT_FALSE, "DisableGaplessAudio %d\n", flag);
    hr = IRawCDImageCreator_get_MediaCatalogNumber(c, &b);
    ok(hr == S_OK && b && !*b, "MediaCatalogNumber %08lx %s\n", hr, wine_dbgstr_w(b));
    SysFreeString(b);

    hr = IRawCDImageCreator_CreateResultImage(c, &result);
    ok(hr == E_IMAPI_RAW_IMAGE_NO_TRACKS && !result, "CreateResultImage without tracks %08lx\n", hr);
    ok(IRawCDImageCreator_get_StartOfLeadout(c, &v) == E_IMAPI_RAW_IMAGE_NO_TRACKS, "StartOfLeadout without tracks\n");
    ok(IRawCDImageCreator_get_LastUsedUserSectorInImage(c, &v) == E_IMAPI_RAW_IMAGE_NO_TRACKS, "LastUsedUserSectorInImage\n");
    hr = IRawCDImageCreator_get_ExpectedTableOfContents(c, &sa);
    ok(hr == E_IMAPI_RAW_IMAGE_NO_TRACKS && !sa, "ExpectedTableOfContents without tracks %08lx\n", hr);
    hr = IRawCDImageCreator_get_TrackInfo(c, 1, (IRawCDImageTrackInfo **)&sa);
    ok(hr == E_INVALIDARG, "TrackInfo(1) without tracks %08lx\n", hr);

    /* bad tracks: the documented type code; short or ragged streams E_INVALIDARG */
    s = mem_stream(300 * SECTOR, 1, NULL);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_MODE1, s, &index) == E_IMAPI_RAW_IMAGE_SECTOR_TYPE_NOT_SUPPORTED, "mode 1 track\n");
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, NULL, &index) == E_POINTER, "NULL stream\n");
    IStream_Release(s);
    s = mem_stream(299 * SECTOR, 1, NULL);
    hr = IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index);
    ok(hr == E_INVALIDARG, "a track under 4 s %08lx\n", hr);
    IStream_Release(s);
    s = mem_stream(300 * SECTOR + 5, 1, NULL);
    hr = IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index);
    ok(hr == E_INVALIDARG, "a stream not a multiple of 2352 %08lx\n", hr);
    IStream_Release(s);
    ok(IRawCDImageCreator_get_NumberOfExistingTracks(c, &v) == S_OK && v == 0, "no track after refusals\n");

    /* the catalogue number: 13 digits with a valid check digit, leading zeros optional */
    b = SysAllocString(L"4006381333932");
    ok(IRawCDImageCreator_put_MediaCatalogNumber(c, b) == E_IMAPI_DF2TAO_INVALID_MCN, "bad check digit accepted\n");
    SysFreeString(b);
    b = SysAllocString(L"40063813339x1");
    ok(IRawCDImageCreator_put_MediaCatalogNumber(c, b) == E_IMAPI_DF2TAO_INVALID_MCN, "letters accepted\n");
    SysFreeString(b);
    b = SysAllocString(L"12345678905");
    ok(IRawCDImageCreator_put_MediaCatalogNumber(c, b) == S_OK, "MCN without leading zeros refused\n");
    SysFreeString(b);
    hr = IRawCDImageCreator_get_MediaCatalogNumber(c, &b);
    ok(hr == S_OK && b && !wcscmp(b, L"0012345678905"), "MCN read back %s\n", wine_dbgstr_w(b));
    SysFreeString(b);

    ok(IRawCDImageCreator_put_StartOfLeadoutLimit(c, 398100) == E_INVALIDARG, "limit past 398099\n");
    ok(IRawCDImageCreator_put_ResultingImageType(c, 0) == E_INVALIDARG, "sector type 0\n");
    IRawCDImageCreator_Release(c);

    /* too many tracks: StartingTrackNumber 99 leaves room for one */
    c = new_creator();
    ok(IRawCDImageCreator_put_StartingTrackNumber(c, 99) == S_OK, "StartingTrackNumber 99\n");
    s = mem_stream(300 * SECTOR, 2, NULL);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index) == S_OK && index == 1, "track 99 (index %ld)\n", index);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index) == E_IMAPI_RAW_IMAGE_TOO_MANY_TRACKS, "track 100\n");
    ok(IRawCDImageCreator_put_StartingTrackNumber(c, 1) == E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED, "StartingTrackNumber after a track\n");
    ok(IRawCDImageCreator_put_DisableGaplessAudio(c, VARIANT_TRUE) == E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED, "DisableGaplessAudio after a track\n");
    ok(IRawCDImageCreator_AddSpecialPregap(c, s) == E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED, "AddSpecialPregap after a track\n");
    IRawCDImageCreator_Release(c);

    /* insufficient space: a lead-out limit of 1000 */
    c = new_creator();
    ok(IRawCDImageCreator_put_StartOfLeadoutLimit(c, 1000) == S_OK, "limit 1000\n");
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index) == S_OK, "300 sectors fit\n");
    IStream_Release(s);
    s = mem_stream(600 * SECTOR, 3, NULL);
    hr = IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index);
    ok(hr == E_IMAPI_RAW_IMAGE_INSUFFICIENT_SPACE, "a track past the limit %08lx\n", hr);
    ok(IRawCDImageCreator_put_StartOfLeadoutLimit(c, 299) == E_IMAPI_RAW_IMAGE_INSUFFICIENT_SPACE, "limit below the lead-out\n");
    IStream_Release(s);
    /* an R-W generator excludes P-Q only images */
    s = mem_stream(96, 4, NULL);
    ok(IRawCDImageCreator_AddSubcodeRWGenerator(c, s) == S_OK, "AddSubcodeRWGenerator\n");
    ok(IRawCDImageCreator_put_ResultingImageType(c, IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY) == E_IMAPI_RAW_IMAGE_SECTOR_TYPE_NOT_SUPPORTED,
       "PQ_ONLY with a generator\n");
    hr = IRawCDImageCreator_CreateResultImage(c, &result);
    ok(hr == E_INVALIDARG, "a generator of the wrong size %08lx\n", hr);
    IStream_Release(s);
    IRawCDImageCreator_Release(c);
}

static void test_image(int type)
{
    IRawCDImageCreator *c = new_creator();
    IRawCDImageTrackInfo *t1 = NULL, *t2 = NULL;
    IStream *s1, *s2, *img = NULL, *rw = NULL;
    BYTE *a1, *a2, *rwdata = NULL, *buf;
    unsigned bytes = type == 1 ? 2368 : 2448, total = 22650 + 900 + 6750, chunk = 256, n, i;
    unsigned bad_crc = 0, bad_time = 0, bad_track = 0, bad_main = 0, bad_rw = 0, mcn_seen = 0, isrc_seen = 0, idx2 = 0, p_gap = 0;
    IMAPI_CD_TRACK_DIGITAL_COPY_SETTING copy = -1;
    SAFEARRAY *sa = NULL;
    LONG v, index;
    STATSTG stat;
    HRESULT hr;
    BSTR b;

    if (!c) return;
    ok(IRawCDImageCreator_put_ResultingImageType(c, type) == S_OK, "ResultingImageType %d\n", type);
    b = SysAllocString(L"0012345678905");
    IRawCDImageCreator_put_MediaCatalogNumber(c, b);
    SysFreeString(b);
    s1 = mem_stream(400 * SECTOR, 1, &a1);
    s2 = mem_stream(350 * SECTOR, 2, &a2);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s1, &index) == S_OK && index == 1, "track 1 (%ld)\n", index);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s2, &index) == S_OK && index == 2, "track 2 (%ld)\n", index);
    ok(IRawCDImageCreator_get_TrackInfo(c, 1, &t1) == S_OK && t1, "TrackInfo(1)\n");
    ok(IRawCDImageCreator_get_TrackInfo(c, 2, &t2) == S_OK && t2, "TrackInfo(2)\n");
    if (!t1 || !t2) return;
    ok(IRawCDImageTrackInfo_get_StartingLba(t2, &v) == S_OK && v == 550, "track 2 at %ld\n", v);
    ok(IRawCDImageTrackInfo_get_SectorCount(t2, &v) == S_OK && v == 350, "track 2 has %ld sectors\n", v);
    ok(IRawCDImageTrackInfo_get_TrackNumber(t2, &v) == S_OK && v == 2, "track number %ld\n", v);
    ok(IRawCDImageTrackInfo_get_DigitalAudioCopySetting(t1, &copy) == S_OK && copy == IMAPI_CD_TRACK_DIGITAL_COPY_PERMITTED, "copy %d\n", copy);
    ok(IRawCDImageTrackInfo_put_DigitalAudioCopySetting(t2, IMAPI_CD_TRACK_DIGITAL_COPY_PROHIBITED) == S_OK, "copy prohibited\n");
    ok(IRawCDImageTrackInfo_put_DigitalAudioCopySetting(t2, 3) == E_INVALIDARG, "copy setting 3\n");
    b = SysAllocString(L"US-K7Y-98-1234X");
    ok(IRawCDImageTrackInfo_put_ISRC(t1, b) == E_IMAPI_DF2TAO_INVALID_ISRC, "bad ISRC accepted\n");
    SysFreeString(b);
    b = SysAllocString(L"usk7y9812345");
    ok(IRawCDImageTrackInfo_put_ISRC(t1, b) == S_OK, "ISRC without dashes refused\n");
    SysFreeString(b);
    hr = IRawCDImageTrackInfo_get_ISRC(t1, &b);
    ok(hr == S_OK && !wcscmp(b, L"US-K7Y-98-12345"), "ISRC read back %s\n", wine_dbgstr_w(b));
    SysFreeString(b);
    /* indexes */
    ok(IRawCDImageTrackInfo_AddTrackIndex(t2, 100) == S_OK, "index at 100\n");
    ok(IRawCDImageTrackInfo_AddTrackIndex(t2, 100) == S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS, "index 100 twice\n");
    ok(IRawCDImageTrackInfo_AddTrackIndex(t2, 0) == S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS, "index at 0\n");
    ok(IRawCDImageTrackInfo_AddTrackIndex(t2, 105) == E_IMAPI_RAW_IMAGE_TRACK_INDEX_TOO_CLOSE_TO_OTHER_INDEX, "index too close\n");
    ok(IRawCDImageTrackInfo_AddTrackIndex(t2, 350) == E_INVALIDARG, "index past the track\n");
    ok(IRawCDImageTrackInfo_AddTrackIndex(t2, 200) == S_OK, "index at 200\n");
    ok(IRawCDImageTrackInfo_ClearTrackIndex(t2, 0) == E_IMAPI_RAW_IMAGE_TRACK_INDEX_OFFSET_ZERO_CANNOT_BE_CLEARED, "clear 0\n");
    ok(IRawCDImageTrackInfo_ClearTrackIndex(t2, 7) == E_IMAPI_RAW_IMAGE_TRACK_INDEX_NOT_FOUND, "clear 7\n");
    ok(IRawCDImageTrackInfo_ClearTrackIndex(t2, 200) == S_OK, "clear 200\n");
    hr = IRawCDImageTrackInfo_get_TrackIndexes(t2, &sa);
    ok(hr == S_OK && sa, "TrackIndexes %08lx\n", hr);
    if (sa)
    {
        VARIANT *vv;
        LONG lo = 0, hi = -1;
        SafeArrayGetLBound(sa, 1, &lo);
        SafeArrayGetUBound(sa, 1, &hi);
        ok(hi - lo == 1, "%ld indexes\n", hi - lo + 1);
        if (hi - lo == 1 && SUCCEEDED(SafeArrayAccessData(sa, (void **)&vv)))
        {
            ok(V_VT(&vv[0]) == VT_I4 && V_I4(&vv[0]) == 0 && V_I4(&vv[1]) == 100, "indexes %ld %ld\n", V_I4(&vv[0]), V_I4(&vv[1]));
            SafeArrayUnaccessData(sa);
        }
        SafeArrayDestroy(sa);
    }
    ok(IRawCDImageCreator_get_StartOfLeadout(c, &v) == S_OK && v == 900, "StartOfLeadout %ld\n", v);
    ok(IRawCDImageCreator_get_LastUsedUserSectorInImage(c, &v) == S_OK && v == 899, "LastUsedUserSectorInImage %ld\n", v);
    ok(IRawCDImageCreator_get_NumberOfExistingTracks(c, &v) == S_OK && v == 2, "NumberOfExistingTracks %ld\n", v);
    if (type != 1)
    {
        rwdata = malloc(total * 96);
        for (i = 0; i < total * 96; i++) rwdata[i] = (BYTE)(i * 7 + 3) & 0x3F;
        CreateStreamOnHGlobal(NULL, TRUE, &rw);
        IStream_Write(rw, rwdata, total * 96, NULL);
        ok(IRawCDImageCreator_AddSubcodeRWGenerator(c, rw) == S_OK, "AddSubcodeRWGenerator\n");
    }

    hr = IRawCDImageCreator_CreateResultImage(c, &img);
    ok(hr == S_OK && img, "CreateResultImage %08lx\n", hr);
    if (!img) return;
    /* read only now; getters still answer */
    {
        IStream *again = (IStream *)1;
        ok(IRawCDImageCreator_CreateResultImage(c, &again) == E_IMAPI_RAW_IMAGE_IS_READ_ONLY && !again, "CreateResultImage twice\n");
    }
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s2, &index) == E_IMAPI_RAW_IMAGE_IS_READ_ONLY, "AddTrack after\n");
    ok(IRawCDImageCreator_put_StartOfLeadoutLimit(c, 5000) == E_IMAPI_RAW_IMAGE_IS_READ_ONLY, "limit after\n");
    ok(IRawCDImageTrackInfo_AddTrackIndex(t1, 50) == E_IMAPI_RAW_IMAGE_IS_READ_ONLY, "AddTrackIndex after\n");
    ok(IRawCDImageTrackInfo_put_AudioHasPreemphasis(t1, VARIANT_TRUE) == E_IMAPI_RAW_IMAGE_IS_READ_ONLY, "preemphasis after\n");
    ok(IRawCDImageCreator_get_NumberOfExistingTracks(c, &v) == S_OK && v == 2, "NumberOfExistingTracks after\n");

    memset(&stat, 0, sizeof(stat));
    ok(IStream_Stat(img, &stat, STATFLAG_NONAME) == S_OK && stat.cbSize.QuadPart == (ULONGLONG)total * bytes,
       "image size %I64u, want %u sectors of %u\n", stat.cbSize.QuadPart, total, bytes);
    buf = malloc(chunk * bytes);
    for (n = 0; n < total; n += chunk)
    {
        ULONG got = 0, want = min(chunk, total - n);
        IStream_Read(img, buf, want * bytes, &got);
        if (got != want * bytes) { ok(0, "short read at sector %u\n", n); break; }
        for (i = 0; i < want; i++)
        {
            const BYTE *sec = buf + i * bytes, *sub = sec + SECTOR;
            LONG lba = (LONG)(n + i) - 22650;
            BYTE q[12] = { 0 };
            unsigned k, abs_frames;
            if (type == 1) memcpy(q, sub, 12);
            else for (k = 0; k < 96; k++) if (sub[k] & 0x40) q[k / 8] |= 0x80 >> (k % 8);
            if (!q_crc_ok(q)) bad_crc++;
            if (type != 1) for (k = 0; k < 96; k++) if ((sub[k] & 0x3F) != rwdata[(n + i) * 96 + k]) { bad_rw++; break; }
            /* main channel: the tracks' bytes, silence elsewhere */
            if (lba >= 0 && lba < 400) { if (memcmp(sec, a1 + lba * SECTOR, SECTOR)) bad_main++; }
            else if (lba >= 550 && lba < 900) { if (memcmp(sec, a2 + (lba - 550) * SECTOR, SECTOR)) bad_main++; }
            else for (k = 0; k < SECTOR; k++) if (sec[k]) { bad_main++; break; }
            if ((q[0] & 15) == 2)
            {
                /* ADR 2: 13 BCD digits of the catalogue number */
                char d[14];
                for (k = 0; k < 13; k++) d[k] = '0' + ((q[1 + k / 2] >> (k % 2 ? 0 : 4)) & 15);
                d[13] = 0;
                if (!strcmp(d, "0012345678905")) mcn_seen++;
                continue;
            }
            if ((q[0] & 15) == 3)
            {
                /* ADR 3: U(37) S(35) K(27) 7 Y(41) in 6-bit code, then 9812345 */
                if (q[1] == (37 << 2 | 35 >> 4) && q[5] == 0x98 && q[6] == 0x12 && q[7] == 0x34 && q[8] == 0x50 && lba < 400) isrc_seen++;
                continue;
            }
            if ((q[0] & 15) != 1) { bad_track++; continue; }
            if (lba < -150) { if (q[1] != 0) bad_track++; continue; }   /* lead-in: the TOC */
            abs_frames = bcd(q[7]) * 4500 + bcd(q[8]) * 75 + bcd(q[9]);
            if ((LONG)abs_frames != lba + 150) bad_time++;
            if (lba >= 900) { if (q[1] != 0xAA) bad_track++; }
            else if (lba >= 550)
            {
                if (q[1] != 2 || q[2] != (lba >= 650 ? 2 : 1) || (q[0] >> 4) != 0) bad_track++;
                if (q[2] == 2) idx2++;
            }
            else if (lba >= 400)
            {
                if (q[1] != 2 || q[2] != 0) bad_track++;
                if (type == 1 ? (sub[15] & 0x80) : (sub[0] & 0x80)) p_gap++;
            }
            else if (lba >= 0) { if (q[1] != 1 || q[2] != 1 || (q[0] >> 4) != 2) bad_track++; }
            else if (q[1] != 1 || q[2] != 0) bad_track++;
        }
    }
    ok(!bad_crc, "%u Q sub-channels with a bad CRC\n", bad_crc);
    ok(!bad_time, "%u Q sub-channels with a wrong absolute time\n", bad_time);
    ok(!bad_track, "%u Q sub-channels with a wrong track, index or control\n", bad_track);
    ok(!bad_main, "%u sectors with wrong main channel\n", bad_main);
    ok(!bad_rw, "%u sectors whose R-W is not the generator's\n", bad_rw);
    /* one frame in 100 inside the tracks: 4 in each of the two */
    ok(mcn_seen == 8, "MCN frames: %u\n", mcn_seen);
    ok(isrc_seen == 4, "ISRC frames in track 1: %u\n", isrc_seen);
    ok(idx2 > 200, "index 2 sectors: %u\n", idx2);
    ok(p_gap == 150, "P set in %u of the 150 pre-gap sectors\n", p_gap);
    free(buf);
    free(a1);
    free(a2);
    free(rwdata);
    IStream_Release(img);
    IStream_Release(s1);
    IStream_Release(s2);
    if (rw) IStream_Release(rw);
    IRawCDImageTrackInfo_Release(t1);
    IRawCDImageTrackInfo_Release(t2);
    IRawCDImageCreator_Release(c);
}

/* A track holds index 1 and at most 98 more (indexes 2..99); the next one is refused
 * and the track keeps its 99. */
static void test_index_limit(void)
{
    IRawCDImageCreator *c = new_creator();
    IRawCDImageTrackInfo *t = NULL;
    IStream *s;
    SAFEARRAY *sa = NULL;
    BYTE *copy = NULL;
    LONG index = 0, i, lo = 0, hi = -1;
    unsigned added = 0;

    if (!c) return;
    s = mem_stream(1000 * SECTOR, 7, &copy);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s, &index) == S_OK, "AddTrack of 1000 sectors\n");
    ok(IRawCDImageCreator_get_TrackInfo(c, index, &t) == S_OK && t, "TrackInfo\n");
    if (t)
    {
        for (i = 1; i <= 98; i++)
            added += IRawCDImageTrackInfo_AddTrackIndex(t, i * 10) == S_OK;
        ok(added == 98, "%u of 98 indexes added\n", added);
        ok(IRawCDImageTrackInfo_AddTrackIndex(t, 995) == E_IMAPI_RAW_IMAGE_TOO_MANY_TRACK_INDEXES,
           "a 100th index was not refused with E_IMAPI_RAW_IMAGE_TOO_MANY_TRACK_INDEXES\n");
        ok(IRawCDImageTrackInfo_get_TrackIndexes(t, &sa) == S_OK && sa, "TrackIndexes\n");
        if (sa)
        {
            SafeArrayGetLBound(sa, 1, &lo);
            SafeArrayGetUBound(sa, 1, &hi);
            ok(hi - lo + 1 == 99, "%ld indexes after the refusal\n", hi - lo + 1);
            SafeArrayDestroy(sa);
        }
        ok(IRawCDImageTrackInfo_ClearTrackIndex(t, 500) == S_OK, "ClearTrackIndex(500)\n");
        ok(IRawCDImageTrackInfo_AddTrackIndex(t, 995) == S_OK, "an index after one was cleared\n");
        IRawCDImageTrackInfo_Release(t);
    }
    IStream_Release(s);
    free(copy);
    IRawCDImageCreator_Release(c);
}

START_TEST(raw_image)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_defaults_and_codes();
    test_image(IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY);
    test_image(IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW);
    test_index_limit();
    CoUninitialize();
}
