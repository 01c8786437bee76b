/* imapi2-burn: shared declarations of its small files.
 *   burn.c      options, -list, building the image, the burn itself
 *   progress.c  the DDiscFormat2DataEvents sink (progress bar) and Ctrl-C -> CancelWrite
 *   report.c    English words for HRESULTs, media types and media states
 *   erase.c     -erase [-full]: IDiscFormat2Erase with its Update events on the progress line
 *   audio.c     -audio: WAV files burned as an audio CD (IDiscFormat2TrackAtOnce)
 *   rawcd.c     -raw: WAV files burned disc at once (IRawCDImageCreator, IDiscFormat2RawCD) */
#ifndef IMAPI2_BURN_H
#define IMAPI2_BURN_H

#define COBJMACROS
#define CONST_VTABLE
#include <stdio.h>
#include <wchar.h>
#include <windows.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"

extern BOOL quiet;

/* burn.c */
HRESULT open_recorder(LONG index, IDiscRecorder2 **recorder);
void report_recorder_failure(IDiscRecorder2 *recorder, const char *what, HRESULT hr);

/* audio.c: imapi2-burn -audio ... (IDiscFormat2TrackAtOnce), and the WAV reading that
 * rawcd.c shares: a CD-DA WAV's PCM data (anything else refused in words), and an IStream
 * of it completed with silence to whole 2352-byte sectors (it takes over w->file). */
struct wav { HANDLE file; ULONGLONG offset, bytes; };
BOOL open_wav(const WCHAR *path, struct wav *w);
IStream *pcm_stream(const struct wav *w);
int audio_main(int argc, WCHAR **argv);
/* rawcd.c: imapi2-burn -raw ... (IRawCDImageCreator + IDiscFormat2RawCD) */
int raw_main(int argc, WCHAR **argv);

/* report.c */
void clear_error_info(void);
void report_failure(const char *what, HRESULT hr);     /* "imapi2-burn: WHAT failed: text (0x...)" */
void hr_text(HRESULT hr, WCHAR *buf, DWORD size);
const char *media_type_name(IMAPI_MEDIA_PHYSICAL_TYPE type);
void media_state_words(LONG state, char *buf, size_t size);
const char *action_name(IMAPI_FORMAT2_DATA_WRITE_ACTION action);

/* progress.c */
void progress_install_ctrl_c(void);
BOOL progress_cancel_requested(void);
HRESULT progress_advise(IDiscFormat2Data *format, IConnectionPoint **cp, DWORD *cookie);
void progress_unadvise(IConnectionPoint *cp, DWORD cookie);
void progress_finish(void);                             /* ends the \r line with a newline */
/* One progress line: WHAT, percent with a 20-character bar (-1: none), two right columns. */
void progress_line(const char *what, LONG percent, const char *right1, const char *right2);

/* burn.c */
HRESULT open_recorder(LONG index, IDiscRecorder2 **recorder);
void describe_recorder(IDiscRecorder2 *recorder, char *buf, size_t size);
void report_recorder_failure(IDiscRecorder2 *recorder, const char *what, HRESULT hr);

/* erase.c: the -erase mode; returns the exit code */
int erase_disc(LONG index, BOOL full, BOOL eject);

#endif
