' Lists the optical drives the way a script does: IDiscMaster2 walked with For Each,
' every recorder initialized by its ID, its INQUIRY strings, volume paths, feature
' pages, profiles and mode pages walked with For Each. The emulated recorders of
' winetest/setup-recorders.sh (vendor IMAPITST) must be among them, at least two.
' Runs in both transports (IMAPI_TEST_TRANSPORT = emulated | passthrough).
Option Explicit

Const TestName = "drives.vbs"
Dim nTests, nFailures, nSkipped
nTests = 0 : nFailures = 0 : nSkipped = 0

Sub ok(cond, msg)
    nTests = nTests + 1
    If Not cond Then
        nFailures = nFailures + 1
        WScript.Echo TestName & ": Test failed: " & msg
    End If
End Sub

Sub finish()
    WScript.Echo TestName & ": " & nTests & " tests executed (0 marked as todo, " & _
        nFailures & " failures), " & nSkipped & " skipped."
    If nFailures > 255 Then WScript.Quit 255
    WScript.Quit nFailures
End Sub

Function Contains(arr, value)
    Dim v
    Contains = False
    For Each v In arr
        If v = value Then Contains = True
    Next
End Function

Function Joined(arr)
    Dim v, s
    s = ""
    For Each v In arr
        If s <> "" Then s = s & " "
        If VarType(v) = vbString Then s = s & v Else s = s & Hex(v)
    Next
    Joined = "[" & s & "]"
End Function

Function AllNumbers(arr)
    Dim v
    AllNumbers = True
    For Each v In arr
        If VarType(v) <> vbLong Then AllNumbers = False
    Next
End Function

Dim sh, transport, master, recorder, id, n, ours, num, volumes, v, first, item
Set sh = CreateObject("WScript.Shell")
transport = sh.Environment("PROCESS")("IMAPI_TEST_TRANSPORT")

On Error Resume Next
Set master = CreateObject("IMAPI2.MsftDiscMaster2")
num = Err.Number
On Error GoTo 0
ok num = 0, "CreateObject(IMAPI2.MsftDiscMaster2): error " & Hex(num)
If num <> 0 Then finish

ok master.IsSupportedEnvironment = True, "IsSupportedEnvironment is not True"
ok master.Count >= 2, "Count is " & master.Count

n = 0 : ours = 0 : first = ""
For Each id In master
    If first = "" Then first = id
    ok VarType(id) = vbString, "an ID of type " & VarType(id)
    Set recorder = CreateObject("IMAPI2.MsftDiscRecorder2")
    On Error Resume Next
    recorder.InitializeDiscRecorder id
    num = Err.Number
    On Error GoTo 0
    ok num = 0, "InitializeDiscRecorder " & id & ": error " & Hex(num)
    If num = 0 Then
        ok recorder.ActiveDiscRecorder = id, "ActiveDiscRecorder is " & recorder.ActiveDiscRecorder
        If recorder.VendorId = "IMAPITST" Then
            ours = ours + 1
            WScript.Echo "recorder " & n & ": " & id
            WScript.Echo "  vendor " & recorder.VendorId & ", product " & recorder.ProductId & _
                ", revision " & recorder.ProductRevision
            Set volumes = Nothing
            volumes = recorder.VolumePathNames
            WScript.Echo "  volume paths " & Joined(volumes) & ", volume name """ & recorder.VolumeName & """"
            If transport = "passthrough" Then
                ok UBound(volumes) = 0, "a drive letter drive has " & (UBound(volumes) + 1) & " volume paths"
                For Each v In volumes
                    ok Len(v) = 3 And Mid(v, 2, 2) = ":\", "volume path " & v
                Next
            Else
                ok UBound(volumes) = -1, "an emulated recorder without letter has volume paths " & Joined(volumes)
            End If
            WScript.Echo "  feature pages " & Joined(recorder.SupportedFeaturePages)
            WScript.Echo "  current feature pages " & Joined(recorder.CurrentFeaturePages)
            WScript.Echo "  profiles " & Joined(recorder.SupportedProfiles)
            WScript.Echo "  current profiles " & Joined(recorder.CurrentProfiles)
            WScript.Echo "  mode pages " & Joined(recorder.SupportedModePages)
            ok Contains(recorder.SupportedFeaturePages, 0), "no profile list feature"
            ok Contains(recorder.SupportedFeaturePages, &H2A), "no DVD+RW feature"
            ok AllNumbers(recorder.SupportedFeaturePages), "feature pages are not all Long"
            ok Contains(recorder.SupportedProfiles, 9), "no CD-R profile"
            ok Contains(recorder.SupportedProfiles, &H41), "no BD-R profile"
            ok AllNumbers(recorder.SupportedProfiles), "profiles are not all Long"
            ok Contains(recorder.SupportedModePages, &H2A), "no mode page 2Ah"
            ok AllNumbers(recorder.SupportedModePages), "mode pages are not all Long"
            ok recorder.DeviceCanLoadMedia = True, "DeviceCanLoadMedia is not True"
            ok recorder.LegacyDeviceNumber = n, "LegacyDeviceNumber " & recorder.LegacyDeviceNumber & " at position " & n
            If recorder.ProductId = "IMAPI BLANKCDR" Then
                ok Joined(recorder.CurrentProfiles) = "[9]", "blank CD-R current profiles " & Joined(recorder.CurrentProfiles)
            End If
        End If
    End If
    n = n + 1
Next
ok n = master.Count, "For Each walked " & n & " IDs, Count is " & master.Count
ok ours >= 2, "found " & ours & " emulated recorders, expected at least two"
ok master.Item(0) = first, "Item(0) is " & master.Item(0) & ", For Each began with " & first

On Error Resume Next
item = master.Item(master.Count)
num = Err.Number
On Error GoTo 0
' E_INVALIDARG reaches a script as error 5 (invalid procedure call or argument)
ok num = 5, "Item(Count): error " & Hex(num) & ", expected 5 (E_INVALIDARG)"

finish
