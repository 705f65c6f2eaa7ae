using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace VolunteerOps.Testing;

/// <summary>
/// A real SMTP server on a loopback port: Debian's aiosmtpd (deploy/local-infra/smtp-sink.sh installs it)
/// storing each message it accepts in a Maildir, which the tests read back with MimeKit.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    // Debian's interpreter by path: another python3 earlier on PATH does not see Debian's modules.
    private const string Python = "/usr/bin/python3";
    private readonly string maildir = Path.Combine(Path.GetTempPath(), "smtp-sink-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? server;

    private SmtpSink(int port) => Port = port;

    public const string Host = "127.0.0.1";

    private static readonly string[] Folders = ["tmp", "new", "cur"];

    // Delivered mail only: the handler writes into tmp/, links the finished file into new/ and only then
    // removes it from tmp/, so reading tmp/ too would see half-written files and count messages twice.
    private static readonly string[] Delivered = ["new", "cur"];

    public int Port { get; }

    public static async Task<SmtpSink> Start()
    {
        var sink = new SmtpSink(FreePort());
        try
        {
            await sink.Resume();
        }
        catch
        {
            // Nobody else holds the sink yet: a hung server and the Maildir must not outlive the failed start.
            await sink.DisposeAsync();
            throw;
        }

        return sink;
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Delivered.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(f => MimeMessage.Load(f))];

    public async Task<MimeMessage> WaitFor(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = Messages();
            if (messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"No matching mail after {timeout ?? TimeSpan.FromSeconds(30)}; received: {string.Join("; ", messages.Select(m => $"{m.To} \"{m.Subject}\""))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops the server: connections are refused until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }

        server?.Dispose();
        server = null;
    }

    /// <summary>Starts the server (again) on the same port and Maildir, and waits until it greets on the port.</summary>
    public async Task Resume()
    {
        // A Maildir whole (tmp, new, cur): the handler creates them only where the directory does not exist yet.
        foreach (var folder in Folders)
        {
            Directory.CreateDirectory(Path.Combine(maildir, folder));
        }
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        server = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await Greets())
        {
            if (server.HasExited || DateTime.UtcNow > deadline)
            {
                var error = server.HasExited ? await server.StandardError.ReadToEndAsync() : "no answer within 20 s";
                throw new InvalidOperationException(
                    $"aiosmtpd did not start on port {Port} ({error.Trim()}); run deploy/local-infra/smtp-sink.sh ensure.");
            }

            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync()
    {
        Pause();
        if (Directory.Exists(maildir))
        {
            Directory.Delete(maildir, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether an SMTP server greets on the port. Merely accepting is not enough: should something else take the
    /// port before aiosmtpd binds it, aiosmtpd dies with "address already in use" while the port still accepts.
    /// </summary>
    private async Task<bool> Greets()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            var greeting = await reader.ReadLineAsync(timeout.Token);
            return greeting?.StartsWith("220 ", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
