' An audio CD burned track at once through IDispatch, as a script does it:
' MsftDiscMaster2 -> MsftDiscRecorder2 -> MsftDiscFormat2TrackAtOnce (Recorder, ClientName)
' -> PrepareMedia -> AddAudioTrack(stream) per track -> ReleaseMedia, with the track and
' sector counts checked on the way.
'
' The recorder: a private copy of the setup's blank CD-R, made as burn_data.vbs does.
' The CD-DA streams: a script has no IStream of its own, so each is the ImageStream of an
' IMAPI2FS image grown to a multiple of 147 blocks (147 * 2048 = 128 * 2352 bytes), which
' AddAudioTrack takes as whole 2352-byte sectors.
Option Explicit

Const TestName = "burn_tao.vbs"
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
    dst = tmp & "\VbsTaoCDR"
    fso.CreateFolder dst
    For Each f In fso.GetFolder(src).Files
        If f.Name <> "sgio-node" Then fso.CopyFile f.Path, dst & "\" & f.Name
    Next
    dirs = env("IMAPI_VDRIVE_DIRS")
    If dirs <> "" Then dirs = dirs & ";"
    out = tmp & "\burn_tao_child.txt"
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
    If InStr(1, uniqueId, "#cdrom#VbsTaoCDR#", vbTextCompare) > 0 Then index = i
Next
ok index >= 0, "the copy VbsTaoCDR is not listed by MsftDiscMaster2"
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

Dim tao, total, free0, s1, s2
Set tao = CreateObject("IMAPI2.MsftDiscFormat2TrackAtOnce")
ok tao.IsRecorderSupported(recorder), "IsRecorderSupported is not True"
ok tao.IsCurrentMediaSupported(recorder), "IsCurrentMediaSupported is not True for a blank CD-R"
tao.Recorder = recorder
tao.ClientName = "burn_tao.vbs"
ok tao.MediaPhysicallyBlank, "MediaPhysicallyBlank is not True"
ok Not tao.DoNotFinalizeMedia, "DoNotFinalizeMedia is not False by default"

On Error Resume Next
tao.PrepareMedia
ok Err.Number = 0, "PrepareMedia failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
tao.PrepareMedia
ok Err.Number = &HC0AA0503, "PrepareMedia twice: " & Hex8(Err.Number)
Err.Clear
On Error GoTo 0

total = tao.TotalSectorsOnMedia
free0 = tao.FreeSectorsOnMedia
ok total = 359849, "TotalSectorsOnMedia " & total
ok free0 > 359000, "FreeSectorsOnMedia " & free0
ok tao.NumberOfExistingTracks = 0, "NumberOfExistingTracks " & tao.NumberOfExistingTracks

Set s1 = AudioStream("vbs-tao-1", 400)
Set s2 = AudioStream("vbs-tao-2", 20)
On Error Resume Next
tao.AddAudioTrack s1
ok Err.Number = 0, "AddAudioTrack 1 failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
tao.AddAudioTrack s2
ok Err.Number = 0, "AddAudioTrack 2 failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
On Error GoTo 0
ok tao.NumberOfExistingTracks = 2, "NumberOfExistingTracks " & tao.NumberOfExistingTracks
ok tao.FreeSectorsOnMedia < free0 - 300 - 150 - 300, "FreeSectorsOnMedia " & tao.FreeSectorsOnMedia & ", was " & free0
ok tao.UsedSectorsOnMedia = total - tao.FreeSectorsOnMedia, "UsedSectorsOnMedia " & tao.UsedSectorsOnMedia
Dim toc
toc = tao.ExpectedTableOfContents
ok UBound(toc) = 4 + 8 * 3 - 1, "ExpectedTableOfContents has " & (UBound(toc) + 1) & " bytes"
ok toc(3) = 2, "ExpectedTableOfContents last track " & toc(3)

On Error Resume Next
tao.ReleaseMedia
ok Err.Number = 0, "ReleaseMedia failed: " & Hex8(Err.Number) & " " & Err.Description
Err.Clear
tao.ReleaseMedia
ok Err.Number = &HC0AA0502, "ReleaseMedia twice: " & Hex8(Err.Number)
Err.Clear
On Error GoTo 0
ok Not tao.MediaPhysicallyBlank, "still blank after the burn"

finish
