' Erasing a rewritable disc through IDispatch, as the "Erasing media" sample of the IMAPI2
' docs does: MsftDiscMaster2 -> MsftDiscRecorder2 -> MsftDiscFormat2Erase (Recorder,
' ClientName, FullErase) -> EraseMedia, after a data burn onto it; then the disc is blank
' again by MediaPhysicallyBlank and CurrentMediaStatus. A CD-R is refused with
' E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED and stays written. Update events: through
' WScript.ConnectObject where the host has it (counted as a skip where it does not).
'
' The recorders: private copies of the setup's blank CD-R (copied as burn_data.vbs does,
' listed in IMAPI_VDRIVE_DIRS of a child run of this script); the CD-RW copy gets its
' medium by rewriting "media cdr" in its state.txt (a new generation makes the drive reload).
Option Explicit

Const TestName = "erase.vbs"
Const IMAPI_MEDIA_TYPE_CDRW = 3, IMAPI_MEDIA_TYPE_DVDDASHRW = 10
Const IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK = 2
Const E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED = &HC0AA0909
Dim nTests, nFailures, nSkipped
nTests = 0 : nFailures = 0 : nSkipped = 0

Sub ok(cond, msg)
    nTests = nTests + 1
    If Not cond Then
        nFailures = nFailures + 1
        WScript.Echo TestName & ": Test failed: " & msg
    End If
End Sub

Sub skip(msg)
    nSkipped = nSkipped + 1
    WScript.Echo TestName & ": Tests skipped: " & msg
End Sub

Sub finish()
    WScript.Echo TestName & ": " & nTests & " tests executed (0 marked as todo, " & _
        nFailures & " failures), " & nSkipped & " skipped."
    If nFailures > 255 Then WScript.Quit 255
    WScript.Quit nFailures
End Sub

Function Hex8(n)
    Hex8 = "0x" & Right("00000000" & Hex(n), 8)
End Function

Dim sh, fso, env, recorders, tmp, f, dirs
Set sh = CreateObject("WScript.Shell")
Set fso = CreateObject("Scripting.FileSystemObject")
Set env = sh.Environment("PROCESS")
recorders = env("IMAPI_TEST_RECORDERS_WIN")
tmp = env("IMAPI_TEST_TMP_WIN")
If recorders = "" Or tmp = "" Then
    skip "IMAPI_TEST_RECORDERS_WIN / IMAPI_TEST_TMP_WIN not set (not started by run-wine.sh)"
    finish
End If

Sub CopyRecorder(name, media)
    Dim dst, text, ts
    dst = tmp & "\" & name
    fso.CreateFolder dst
    For Each f In fso.GetFolder(recorders & "\BlankCDR").Files
        If f.Name <> "sgio-node" Then fso.CopyFile f.Path, dst & "\" & f.Name
    Next
    If media <> "cdr" Then
        Set ts = fso.OpenTextFile(dst & "\state.txt", 1)
        text = ts.ReadAll
        ts.Close
        text = Replace(text, vbLf & "media cdr" & vbLf, vbLf & "media " & media & vbLf)
        text = Replace(text, vbLf & "generation ", vbLf & "generation 100")
        Set ts = fso.CreateTextFile(dst & "\state.txt", True)
        ts.Write text
        ts.Close
    End If
End Sub

If WScript.Arguments.Count = 0 Then
    Dim out, cmd, text
    CopyRecorder "VbsCDRW", "cdrw"
    CopyRecorder "VbsEraseCDR", "cdr"
    CopyRecorder "VbsDVDRW", "dvd-rw"
    dirs = env("IMAPI_VDRIVE_DIRS")
    If dirs <> "" Then dirs = dirs & ";"
    out = tmp & "\erase_child.txt"
    cmd = "cmd /c set ""IMAPI_VDRIVE_DIRS=" & dirs & tmp & "\VbsCDRW;" & tmp & "\VbsEraseCDR;" & tmp & "\VbsDVDRW"" && cscript.exe //nologo """ & _
          WScript.ScriptFullName & """ child > """ & out & """ 2>&1"
    sh.Run cmd, 0, True
    If fso.FileExists(out) Then
        Set f = fso.OpenTextFile(out, 1)
        If Not f.AtEndOfStream Then text = f.ReadAll
        f.Close
        WScript.Echo text
    Else
        WScript.Echo TestName & ": the child script wrote nothing"
    End If
    WScript.Quit 0
End If

Dim master, i
Set master = CreateObject("IMAPI2.MsftDiscMaster2")

Function OpenCopy(name)
    Dim r, id
    Set OpenCopy = Nothing
    For i = 0 To master.Count - 1
        id = master.Item(i)
        If InStr(1, id, "#cdrom#" & name & "#", vbTextCompare) > 0 Then
            Set r = CreateObject("IMAPI2.MsftDiscRecorder2")
            r.InitializeDiscRecorder id
            Set OpenCopy = r
        End If
    Next
    ok Not (OpenCopy Is Nothing), "the copy " & name & " is not listed by MsftDiscMaster2"
End Function

' a small image burned with MsftDiscFormat2Data
Sub Burn(recorder)
    Dim folder, ts, dataWriter, fsi
    folder = tmp & "\vbs-erase-src"
    If Not fso.FolderExists(folder) Then
        fso.CreateFolder folder
        Set ts = fso.CreateTextFile(folder & "\to-be-erased.txt", True)
        ts.WriteLine "this disc will be erased"
        ts.Close
    End If
    Set dataWriter = CreateObject("IMAPI2.MsftDiscFormat2Data")
    dataWriter.Recorder = recorder
    dataWriter.ClientName = TestName
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.ChooseImageDefaultsForMediaType dataWriter.CurrentPhysicalMediaType
    fsi.Root.AddTree folder, False
    On Error Resume Next
    dataWriter.Write fsi.CreateResultImage().ImageStream
    ok Err.Number = 0, "Write failed: " & Hex8(Err.Number) & " " & Err.Description
    On Error GoTo 0
    ok Not dataWriter.MediaPhysicallyBlank, "MediaPhysicallyBlank after the burn"
End Sub

Dim updates, lastElapsed, lastTotal, badUpdates
updates = 0 : badUpdates = 0 : lastElapsed = -1
Sub Erase_Update(obj, elapsed, total)
    If elapsed < lastElapsed Or total < elapsed Then badUpdates = badUpdates + 1
    updates = updates + 1
    lastElapsed = elapsed
    lastTotal = total
End Sub

' ---- a written CD-RW: quick erase ----
Dim rw, eraser, dataCheck, connected
Set rw = OpenCopy("VbsCDRW")
If rw Is Nothing Then finish
Burn rw
' events: WScript.CreateObject with a prefix, else WScript.ConnectObject, where the host has them
connected = False
On Error Resume Next
Set eraser = WScript.CreateObject("IMAPI2.MsftDiscFormat2Erase", "Erase_")
connected = (Err.Number = 0)
Err.Clear
If Not connected Then
    Set eraser = CreateObject("IMAPI2.MsftDiscFormat2Erase")
    WScript.ConnectObject eraser, "Erase_"
    connected = (Err.Number = 0)
    Err.Clear
End If
On Error GoTo 0
ok eraser.IsRecorderSupported(rw), "IsRecorderSupported is not True"
ok eraser.IsCurrentMediaSupported(rw), "IsCurrentMediaSupported is not True for a CD-RW"
eraser.Recorder = rw
eraser.ClientName = TestName
ok eraser.ClientName = TestName, "ClientName reads " & eraser.ClientName
ok eraser.FullErase = False, "FullErase default " & eraser.FullErase
eraser.FullErase = False
ok eraser.CurrentPhysicalMediaType = IMAPI_MEDIA_TYPE_CDRW, "CurrentPhysicalMediaType " & eraser.CurrentPhysicalMediaType
ok Not eraser.MediaPhysicallyBlank, "MediaPhysicallyBlank before the erase"
On Error Resume Next
eraser.EraseMedia
ok Err.Number = 0, "EraseMedia failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
On Error GoTo 0
If connected Then
    ok updates >= 3, updates & " Update events"
    ok badUpdates = 0, badUpdates & " malformed Update events"
    ok lastElapsed = lastTotal, "last Update " & lastElapsed & " of " & lastTotal
Else
    skip "neither WScript.CreateObject with a prefix nor WScript.ConnectObject in this host: Update events not counted"
End If
ok eraser.MediaPhysicallyBlank, "MediaPhysicallyBlank is not True after the erase"
Set dataCheck = CreateObject("IMAPI2.MsftDiscFormat2Data")
dataCheck.Recorder = rw
ok 0 <> (dataCheck.CurrentMediaStatus And IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK), _
   "CurrentMediaStatus after the erase " & Hex8(dataCheck.CurrentMediaStatus)

' ---- a written DVD-RW: full erase ----
Dim dvdrw, eraser3
Set dvdrw = OpenCopy("VbsDVDRW")
If dvdrw Is Nothing Then finish
Burn dvdrw
Set eraser3 = CreateObject("IMAPI2.MsftDiscFormat2Erase")
ok eraser3.IsCurrentMediaSupported(dvdrw), "IsCurrentMediaSupported is not True for a DVD-RW"
eraser3.Recorder = dvdrw
eraser3.ClientName = TestName
eraser3.FullErase = True
ok eraser3.FullErase, "FullErase did not stay True"
ok eraser3.CurrentPhysicalMediaType = IMAPI_MEDIA_TYPE_DVDDASHRW, "CurrentPhysicalMediaType " & eraser3.CurrentPhysicalMediaType
ok Not eraser3.MediaPhysicallyBlank, "the DVD-RW is blank before the erase"
On Error Resume Next
eraser3.EraseMedia
ok Err.Number = 0, "EraseMedia (full) of a DVD-RW failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
On Error GoTo 0
ok eraser3.MediaPhysicallyBlank, "the DVD-RW is not blank after the full erase"
Set dataCheck = CreateObject("IMAPI2.MsftDiscFormat2Data")
dataCheck.Recorder = dvdrw
ok 0 <> (dataCheck.CurrentMediaStatus And IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK), _
   "CurrentMediaStatus of the DVD-RW after the erase " & Hex8(dataCheck.CurrentMediaStatus)

' ---- a written CD-R: refused, still written ----
Dim cdr, eraser2
Set cdr = OpenCopy("VbsEraseCDR")
If cdr Is Nothing Then finish
Burn cdr
Set eraser2 = CreateObject("IMAPI2.MsftDiscFormat2Erase")
ok Not eraser2.IsCurrentMediaSupported(cdr), "IsCurrentMediaSupported is True for a CD-R"
eraser2.Recorder = cdr
eraser2.ClientName = TestName
On Error Resume Next
eraser2.EraseMedia
ok Err.Number = E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED, "EraseMedia of a CD-R: " & Hex8(Err.Number)
Err.Clear
On Error GoTo 0
ok Not eraser2.MediaPhysicallyBlank, "the CD-R is blank after a refused erase"

finish
