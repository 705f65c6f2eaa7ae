using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    public int Port { get; }

    public static async Task<SmtpSink> Start()
    {
        var sink = new SmtpSink(FreePort());
        await sink.Resume();
        return sink;
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Folders.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists)
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

    /// <summary>Starts the server (again) on the same port and Maildir, and waits until it accepts connections.</summary>
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
        while (!await Accepts())
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

    private async Task<bool> Accepts()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
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
