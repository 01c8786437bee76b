' An audio CD burned disc at once through IDispatch, as a script does it:
' MsftRawCDImageCreator (ResultingImageType, AddTrack per track, CreateResultImage) ->
' MsftDiscFormat2RawCD (Recorder, ClientName, PrepareMedia, RequestedSectorType,
' WriteMedia(image), ReleaseMedia), with the image's and the disc's facts checked.
'
' The recorder: a private copy of the setup's blank CD-R, made as burn_data.vbs does.
' The CD-DA streams: a script has no IStream of its own, so each is the ImageStream of an
' IMAPI2FS image grown to a multiple of 147 blocks (147 * 2048 = 128 * 2352 bytes), which
' AddAudioTrack takes as whole 2352-byte sectors.
Option Explicit

Const TestName = "burn_raw.vbs"
Const IMAPI_MEDIA_TYPE_CDR = 2
Const IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK = 2, IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE = 4
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

Dim sh, fso, env, recorders, tmp, src, dst, f, dirs
Set sh = CreateObject("WScript.Shell")
Set fso = CreateObject("Scripting.FileSystemObject")
Set env = sh.Environment("PROCESS")
recorders = env("IMAPI_TEST_RECORDERS_WIN")
tmp = env("IMAPI_TEST_TMP_WIN")
If recorders = "" Or tmp = "" Then
    skip "IMAPI_TEST_RECORDERS_WIN / IMAPI_TEST_TMP_WIN not set (not started by run-wine.sh)"
    finish
End If

If WScript.Arguments.Count = 0 Then
    ' Parent: the private recorder, then this script again as a child whose
    ' IMAPI_VDRIVE_DIRS lists it (Wine's WshEnvironment cannot set a variable of its
    ' own process); the child's output, summary line included, is passed on.
    Dim out, cmd, text
    src = recorders & "\BlankCDR"
    dst = tmp & "\VbsRawCDR"
    fso.CreateFolder dst
    For Each f In fso.GetFolder(src).Files
        If f.Name <> "sgio-node" Then fso.CopyFile f.Path, dst & "\" & f.Name
    Next
    dirs = env("IMAPI_VDRIVE_DIRS")
    If dirs <> "" Then dirs = dirs & ";"
    out = tmp & "\burn_raw_child.txt"
    cmd = "cmd /c set ""IMAPI_VDRIVE_DIRS=" & dirs & dst & """ && cscript.exe //nologo """ & _
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


Dim master, recorder, index, uniqueId, i
Set master = CreateObject("IMAPI2.MsftDiscMaster2")
index = -1
For i = 0 To master.Count - 1
    uniqueId = master.Item(i)
    If InStr(1, uniqueId, "#cdrom#VbsRawCDR#", vbTextCompare) > 0 Then index = i
Next
ok index >= 0, "the copy VbsRawCDR is not listed by MsftDiscMaster2"
If index < 0 Then finish
Set recorder = CreateObject("IMAPI2.MsftDiscRecorder2")
recorder.InitializeDiscRecorder master.Item(index)

' an image stream of a multiple of 147 blocks: one file sized to make it so
Function AudioStream(name, extraBlocks)
    Dim folder, ts, fsi, result, blocks, pad
    folder = tmp & "\" & name
    If Not fso.FolderExists(folder) Then fso.CreateFolder folder
    Set ts = fso.CreateTextFile(folder & "\pad.bin", True)
    ts.Write String(2048 * extraBlocks, "a")
    ts.Close
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.FileSystemsToCreate = 1
    fsi.Root.AddTree folder, False
    Set result = fsi.CreateResultImage()
    blocks = result.TotalBlocks
    pad = (147 - (blocks Mod 147)) Mod 147
    If pad <> 0 Then
        Set ts = fso.CreateTextFile(folder & "\pad.bin", True)
        ts.Write String(2048 * (extraBlocks + pad), "a")
        ts.Close
        Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
        fsi.FileSystemsToCreate = 1
        fsi.Root.AddTree folder, False
        Set result = fsi.CreateResultImage()
        blocks = result.TotalBlocks
    End If
    ok 0 = (blocks Mod 147), name & ": image of " & blocks & " blocks is not whole CD-DA sectors"
    Set AudioStream = result.ImageStream
End Function

Const IMAPI_CD_SECTOR_AUDIO = 0
Const IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY = 1, IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW = 3
Dim img, raw, s1, s2, t1, t2, result, types, t, haveRaw, data

Set s1 = AudioStream("vbs-raw-1", 400)
Set s2 = AudioStream("vbs-raw-2", 420)   ' at least 300 sectors (4 s): the raw image takes no shorter track
Set img = CreateObject("IMAPI2.MsftRawCDImageCreator")
img.ResultingImageType = IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW
On Error Resume Next
t1 = img.AddTrack(IMAPI_CD_SECTOR_AUDIO, s1)
ok Err.Number = 0, "AddTrack 1 failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
t2 = img.AddTrack(IMAPI_CD_SECTOR_AUDIO, s2)
ok Err.Number = 0, "AddTrack 2 failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
On Error GoTo 0
ok img.NumberOfExistingTracks = 2, "NumberOfExistingTracks " & img.NumberOfExistingTracks
ok img.TrackInfo(t1).TrackNumber = 1 And img.TrackInfo(t2).TrackNumber = 2, "track numbers " & _
   img.TrackInfo(t1).TrackNumber & ", " & img.TrackInfo(t2).TrackNumber
ok img.TrackInfo(t2).StartingLba > img.TrackInfo(t1).StartingLba + img.TrackInfo(t1).SectorCount - 1, _
   "track 2 starts at " & img.TrackInfo(t2).StartingLba & " inside track 1"
Set result = img.CreateResultImage()
ok Not (result Is Nothing), "CreateResultImage gave no stream"
On Error Resume Next
img.AddTrack IMAPI_CD_SECTOR_AUDIO, s2
ok Err.Number <> 0, "AddTrack after CreateResultImage succeeded"
Err.Clear
On Error GoTo 0

Set raw = CreateObject("IMAPI2.MsftDiscFormat2RawCD")
raw.Recorder = recorder
raw.ClientName = "burn_raw.vbs"
ok raw.MediaPhysicallyBlank, "MediaPhysicallyBlank is not True"
types = raw.SupportedSectorTypes
haveRaw = False
For t = LBound(types) To UBound(types)   ' (Wine 8's VBScript has no For Each over arrays;
    If CLng(types(t)) = IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW Then haveRaw = True   ' VT_UI4 wants CLng)
Next
ok haveRaw, "SupportedSectorTypes lacks the raw P-W type"
On Error Resume Next
raw.PrepareMedia
ok Err.Number = 0, "PrepareMedia failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
ok raw.LastPossibleStartOfLeadout = 359849, "LastPossibleStartOfLeadout " & raw.LastPossibleStartOfLeadout
ok raw.StartOfNextSession < -150, "StartOfNextSession " & raw.StartOfNextSession & " (the lead-in)"
raw.RequestedSectorType = IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW
ok Err.Number = 0, "RequestedSectorType failed: " & Hex8(Err.Number)
Err.Clear
raw.WriteMedia result
ok Err.Number = 0, "WriteMedia failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
raw.WriteMedia result
ok Err.Number = &HC0AA0606, "a second WriteMedia (E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK): " & Hex8(Err.Number)
Err.Clear
raw.ReleaseMedia
ok Err.Number = 0, "ReleaseMedia failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
raw.ReleaseMedia
ok Err.Number = &HC0AA0602, "ReleaseMedia twice (E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED): " & Hex8(Err.Number)
Err.Clear
On Error GoTo 0
ok Not raw.MediaPhysicallyBlank, "still blank after the burn"

' The disc as the data format sees it: no longer blank, and closed (disc at once).
Set data = CreateObject("IMAPI2.MsftDiscFormat2Data")
data.Recorder = recorder
ok 0 = (data.CurrentMediaStatus And IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK), _
   "CurrentMediaStatus " & Hex8(data.CurrentMediaStatus) & " still says blank"

finish
